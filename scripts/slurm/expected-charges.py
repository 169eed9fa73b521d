#!/usr/bin/env python3
"""Expected GPU-second charges of a `sacct --parsable2` export, per DOMAIN.md rules 2-4.

An independent re-computation (it shares no code with the ledger) used by the real-Slurm
end-to-end test to check what the ledger charged.

    expected-charges.py EXPORT [--details FILE] [--pools SPEC] [-v]

Prints {account: gpuSeconds} (JSON, sorted) on stdout: every account that has a main job record in
the export, 0 when nothing of it is charged.
  --details FILE  also writes {accounts, totalGpuSeconds, counts, jobs: [per record breakdown]}
  --pools SPEC    partition:gpusPerNode:cpusPerNode:charged,... (default: the test cluster,
                  gpu_p6:4:16:true,gpu_p5:4:16:true,prepost:4:16:false)
  -v              per-record table on stderr

Rules:
  * only main job records count: step records (JobID with a '.': .batch, .extern, .0, ...) are not
    charged; each array task (123_4) is a job of its own;
  * only final states (COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, PREEMPTED,
    BOOT_FAIL, DEADLINE) are charged, whatever the state; others (RUNNING, PENDING, ...) are left out;
  * a job with ElapsedRaw 0 (never started) costs nothing;
  * a job on an uncharged partition costs nothing; a partition not in --pools is reported, not charged;
  * charged GPUs = max(GPUs in AllocTRES gres/gpu, ceil(gpusPerNode x CPUs / cpusPerNode)); a job on
    several nodes is charged whole nodes (nodes x gpusPerNode) at least; an exclusive single-node job
    holds all CPUs of the node, so the CPU rule already charges it the whole node;
  * charge = charged GPUs x ElapsedRaw seconds (exact integer GPU-seconds).
"""
import argparse
import os
import json
import sys

FINAL_STATES = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL",
                "PREEMPTED", "BOOT_FAIL", "DEADLINE"}
DEFAULT_POOLS = "gpu_p6:4:16:true,gpu_p5:4:16:true,prepost:4:16:false"
REQUIRED = ["JobID", "Account", "Partition", "AllocTRES", "ElapsedRaw", "State"]


def parse_pools(spec):
    pools = {}
    for item in spec.split(","):
        part, gpn, cpn, charged = item.split(":")
        pools[part] = (int(gpn), int(cpn), charged.lower() == "true")
    return pools


def parse_tres(text):
    """'billing=1,cpu=12,gres/gpu:h100=1,gres/gpu=1,node=1' -> dict of ints (unknown values kept as str)."""
    tres = {}
    for item in filter(None, text.split(",")):
        key, _, value = item.partition("=")
        try:
            tres[key] = int(value)
        except ValueError:
            tres[key] = value
    return tres


def gpus_of(tres):
    if isinstance(tres.get("gres/gpu"), int):
        return tres["gres/gpu"]
    # only typed counts (gres/gpu:h100=2): their sum
    return sum(v for k, v in tres.items() if k.startswith("gres/gpu:") and isinstance(v, int))


def ceil_div(a, b):
    return -(-a // b)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("--details")
    ap.add_argument("--pools", default=DEFAULT_POOLS)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    pools = parse_pools(args.pools)

    with open(args.export, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if not lines:
        sys.exit("expected-charges.py: empty export")
    header = lines[0].split("|")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        sys.exit("expected-charges.py: header lacks %s: %s" % (missing, lines[0]))
    col = {name: i for i, name in enumerate(header)}

    accounts, jobs, seen = {}, [], set()
    counts = {"records": 0, "steps": 0, "notFinal": 0, "uncharged": 0, "unknownPartition": 0,
              "zeroElapsed": 0, "charged": 0, "duplicateJobIds": 0}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        f = line.split("|")
        if len(f) != len(header):
            sys.exit("expected-charges.py: line %d has %d fields, header has %d" % (lineno, len(f), len(header)))
        counts["records"] += 1
        job_id = f[col["JobID"]]
        if "." in job_id:
            counts["steps"] += 1
            continue
        account, partition = f[col["Account"]], f[col["Partition"]]
        state = f[col["State"]].split(" ")[0]          # "CANCELLED by 0" -> CANCELLED
        elapsed = int(f[col["ElapsedRaw"]] or 0)
        tres = parse_tres(f[col["AllocTRES"]])
        gpus, cpus, nodes = gpus_of(tres), tres.get("cpu", 0), tres.get("node", 0)
        rec = {"line": lineno, "jobId": job_id, "jobIdRaw": f[col["JobIDRaw"]] if "JobIDRaw" in col else None,
               "account": account, "user": f[col["User"]] if "User" in col else None, "partition": partition,
               "state": state, "elapsedSeconds": elapsed, "allocGpus": gpus, "allocCpus": cpus,
               "nodes": nodes, "chargedGpus": 0, "gpuSeconds": 0}
        if "End" in col:
            rec["end"] = f[col["End"]]
        if job_id in seen:                              # sacct -D would list requeued runs again
            counts["duplicateJobIds"] += 1
            rec["outcome"] = "duplicate"
            jobs.append(rec)
            continue
        seen.add(job_id)
        accounts.setdefault(account, 0)
        pool = pools.get(partition)
        if state not in FINAL_STATES:
            counts["notFinal"] += 1
            rec["outcome"] = "not_final"
        elif pool is None:
            counts["unknownPartition"] += 1
            rec["outcome"] = "unknown_partition"
            print("expected-charges.py: WARNING: line %d: partition %r is not in --pools: not charged"
                  % (lineno, partition), file=sys.stderr)
        elif not pool[2]:
            counts["uncharged"] += 1
            rec["outcome"] = "uncharged_partition"
        elif elapsed == 0:
            counts["zeroElapsed"] += 1
            rec["outcome"] = "zero_elapsed"
        else:
            gpn, cpn, _ = pool
            charged = max(gpus, ceil_div(gpn * cpus, cpn))
            if nodes > 1:
                charged = max(charged, nodes * gpn)
            rec["chargedGpus"] = charged
            rec["gpuSeconds"] = charged * elapsed
            rec["outcome"] = "charged"
            counts["charged"] += 1
            accounts[account] += rec["gpuSeconds"]
        jobs.append(rec)

    accounts = dict(sorted(accounts.items()))
    total = sum(accounts.values())
    if args.v:
        fmt = "%-14s %-13s %-8s %-10s %-10s %5s %5s %4s %7s %8s  %s"
        print(fmt % ("jobId", "account", "user", "partition", "state", "gpus", "cpus", "el", "charged",
                     "gpuSecs", "outcome"), file=sys.stderr)
        for r in jobs:
            print(fmt % (r["jobId"], r["account"], r["user"], r["partition"], r["state"], r["allocGpus"],
                         r["allocCpus"], r["elapsedSeconds"], r["chargedGpus"], r["gpuSeconds"], r["outcome"]),
                  file=sys.stderr)
        print("counts: %s; total %d GPU-seconds" % (json.dumps(counts), total), file=sys.stderr)
    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            json.dump({"export": os.path.basename(args.export), "pools": args.pools, "accounts": accounts,
                       "totalGpuSeconds": total, "counts": counts, "jobs": jobs}, out, indent=1)
            out.write("\n")
    print(json.dumps(accounts, indent=1))


if __name__ == "__main__":
    main()
