#!/usr/bin/env python3
"""A seeded, repeatable `sacct --parsable2` export for the crash tests (scripts/chaos).

    generate-sacct.py OUT --lines N --seed S [--accounts A]

Main job records with, for about half of them, their .batch and .extern steps; charged jobs on gpu_p6 (H100) and
gpu_p5 (A100), some on the uncharged prepost partition, some that never started (ElapsedRaw 0), single- and
two-node jobs, every final state. Each account runs on one charged partition (its allocation's pool). Job end
times fall in 2026-01-02 .. 2026-11-25, times are UTC (the cluster's zone). The same seed gives the same file.
"""
import argparse
import datetime
import random

HEADER = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State|ExitCode"
STATES = [("COMPLETED", "0:0")] * 14 + [("FAILED", "1:0")] * 2 + [("CANCELLED by 4242", "0:15")] * 2 \
         + [("TIMEOUT", "0:0"), ("OUT_OF_MEMORY", "0:125")]
MODELS = {"gpu_p6": "h100", "gpu_p5": "a100", "prepost": "h100"}
FIRST_START = datetime.datetime(2026, 1, 2)
LAST_END = datetime.datetime(2026, 11, 25)
ELAPSED_MAX_S = 2 * 86400


def account_names(count):
    """acct00@h100 (gpu_p6), acct01@a100 (gpu_p5), ...: the partition follows from the name."""
    return [("acct%02d@%s" % (n, "h100" if n % 2 == 0 else "a100"), "gpu_p6" if n % 2 == 0 else "gpu_p5")
            for n in range(count)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--lines", type=int, required=True, help="records (lines after the header)")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--accounts", type=int, default=40)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    accounts = account_names(args.accounts)
    span_s = int((LAST_END - FIRST_START).total_seconds()) - ELAPSED_MAX_S
    written = 0
    job = 7_000_000
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER + "\n")
        while written < args.lines:
            job += 1
            account, charged_partition = rnd.choice(accounts)
            partition = "prepost" if rnd.random() < 0.05 else charged_partition
            model = MODELS[partition]
            nodes = 2 if rnd.random() < 0.08 else 1
            gpus = 4 * nodes if nodes > 1 else rnd.choice([1, 1, 2, 4])
            cpus = 16 * nodes if nodes > 1 else rnd.choice([1, 4, 8, 12, 16]) if gpus < 4 else 16
            state, exit_code = rnd.choice(STATES)
            elapsed = 0 if rnd.random() < 0.03 else rnd.randint(1, ELAPSED_MAX_S)
            start = FIRST_START + datetime.timedelta(seconds=rnd.randint(0, span_s))
            end = start + datetime.timedelta(seconds=elapsed)
            tres = "billing=%d,cpu=%d,gres/gpu:%s=%d,gres/gpu=%d,node=%d" % (cpus, cpus, model, gpus, gpus, nodes)
            times = (start.isoformat(), end.isoformat())
            user = "user%03d" % rnd.randint(0, 199)
            out.write("%d|%d|%s|%s|%s|%s|%d|%s|%s|%s|%s\n"
                      % (job, job, account, user, partition, tres, elapsed, times[0], times[1], state, exit_code))
            written += 1
            if rnd.random() < 0.5:
                for step in ("batch", "extern"):
                    if written >= args.lines:
                        break
                    out.write("%d.%s|%d.%s|%s|||%s|%d|%s|%s|%s|%s\n"
                              % (job, step, job, step, account, tres, elapsed, times[0], times[1],
                                 state.split(" ")[0], exit_code))
                    written += 1


if __name__ == "__main__":
    main()
