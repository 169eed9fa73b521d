#!/usr/bin/env python3
"""Crash tests of GPU Ledger (run by scripts/chaos; see README, "Crash tests").

(a) kill -9: imports a seeded sacct export through the HTTP API, kills the server (SIGKILL, as the OOM killer
    does) at seeded points of the import, starts it again with scripts/run (the embedded PostgreSQL the killed
    server left running must not stop it), imports the same file again, until an import completes; then checks
    the books against an independent computation of the file (scripts/slurm/expected-charges.py).
(b) PostgreSQL restart: the server on a PostgreSQL cluster of its own (pg_ctl, a temporary folder, a spare port),
    the file imported in small requests while PostgreSQL is restarted (immediate and fast shutdowns) at seeded
    points; every record of every acknowledged request must be in the usage store, and after the refused
    requests are sent again the books match the file.

Only the standard library: the driver must run wherever the ledger's scripts run.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
POOLS = {"gpu_p6": ("H100", 4, 16, True), "gpu_p5": ("A100", 4, 16, True), "prepost": ("H100", 4, 16, False)}
POOLS_SPEC = ",".join("%s:%d:%d:%s" % (p, g, c, str(ch).lower()) for p, (_, g, c, ch) in POOLS.items())
PROVIDER = "chaos-centre"
GRANT_GPU_HOURS = 2_000_000
PERIOD = ("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
SERVER_START_WAIT_S = 300
PROJECTIONS_WAIT_S = 300
BALANCES_STILL_S = 90       # processors back off up to a minute after PostgreSQL went away
REQUEST_TIMEOUT_S = 600
ATTEMPTS_MAX = 200          # imports of the file in part (a): the kills plus retries of failed ones, bounded


def log(message):
    print("chaos: " + message, flush=True)


class Failure(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------- files

def generate(work, lines, seed):
    export = os.path.join(work, "export-%d-%d.psv" % (lines, seed))
    subprocess.run([sys.executable, os.path.join(HERE, "generate-sacct.py"), export, "--lines", str(lines),
                    "--seed", str(seed)], check=True)
    details = os.path.join(work, "expected-details.json")
    expected = json.loads(subprocess.run(
        [sys.executable, os.path.join(ROOT, "scripts", "slurm", "expected-charges.py"), export,
         "--pools", POOLS_SPEC, "--details", details], check=True, capture_output=True, text=True).stdout)
    with open(details) as f:
        counts = json.load(f)["counts"]
    return export, expected, counts


def read_export(export):
    with open(export, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return lines[0], lines[1:]


def requests_of(header, records, lines_per_request):
    """The export cut into request bodies of at most lines_per_request records, each with the header."""
    bodies = []
    for start in range(0, len(records), lines_per_request):
        chunk = records[start:start + lines_per_request]
        bodies.append(("\n".join([header] + chunk) + "\n").encode("utf-8"))
    return bodies


def chargeable_job_ids(header, lines):
    """Main records on a charged partition with time: what an answer counts as accepted or duplicate."""
    col = {n: i for i, n in enumerate(header.split("|"))}
    ids = []
    for line in lines:
        f = line.split("|")
        if "." in f[col["JobID"]]:
            continue
        pool = POOLS.get(f[col["Partition"]])
        if pool and pool[3] and int(f[col["ElapsedRaw"]] or 0) > 0:
            ids.append(f[col["JobID"]])
    return ids


# ----------------------------------------------------------------------------------------------------------- http

class Ledger:
    def __init__(self, port, token_file):
        self.port = port
        self.base = "http://127.0.0.1:%d" % port
        self.token_file = token_file

    def authorization(self):
        """The administrator token the server wrote at its latest start (docs/security.md, development mode)."""
        try:
            with open(self.token_file) as token:
                return {"Authorization": "Bearer " + token.read().strip()}
        except OSError:
            return {}

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.authorization(), **({"Content-Type": "application/json"} if data else {}))
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode("utf-8", "replace")[:500]
        except (urllib.error.URLError, OSError, http.client.HTTPException) as unreachable:
            return 0, repr(unreachable)

    def need(self, method, path, body=None):
        status, answer = self.call(method, path, body)
        if not 200 <= status < 300:
            raise Failure("%s %s -> HTTP %d %s" % (method, path, status, answer))
        return answer

    def healthy(self):
        try:
            status, answer = self.call("GET", "/actuator/health", timeout=5)
            return status == 200 and isinstance(answer, dict) and answer.get("status") == "UP"
        except (OSError, http.client.HTTPException, ValueError):
            return False

    def import_sacct(self, cluster, body, kill_at_byte=None, on_kill=None):
        """POSTs one request body, streaming it; calls on_kill once kill_at_byte bytes are sent.
        Returns (status or None when the connection broke, answer)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_S)
        piece = 64 * 1024

        def stream():
            sent, killed = 0, False
            while sent < len(body):
                if kill_at_byte is not None and not killed and sent >= kill_at_byte:
                    on_kill()
                    killed = True
                yield body[sent:sent + piece]
                sent += piece
            if kill_at_byte is not None and not killed:
                on_kill()
        try:
            connection.request("POST", "/api/v1/usage/sacct?cluster=" + cluster, body=stream(),
                               headers=dict(self.authorization(), **{"Content-Type": "text/plain"}),
                               encode_chunked=True)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            try:
                return answer.status, json.loads(text)
            except ValueError:
                return answer.status, text[:500]
        except (OSError, http.client.HTTPException) as broken:
            return None, repr(broken)
        finally:
            connection.close()


def set_up_books(ledger, cluster, expected):
    ledger.need("PUT", "/api/v1/providers/" + PROVIDER, {"name": "Chaos test centre", "kind": "PUBLIC",
                                                         "euroHpcHosted": False})
    ledger.need("PUT", "/api/v1/clusters/" + cluster, {"providerId": PROVIDER, "timeZone": "UTC"})
    for partition, (model, gpus, cpus, charged) in POOLS.items():
        ledger.need("PUT", "/api/v1/pools/%s-%s" % (cluster, partition), {
            "providerId": PROVIDER, "cluster": cluster, "partition": partition, "gpuModel": model,
            "gpusPerNode": gpus, "cpusPerNode": cpus, "charged": charged})
    allocations = {}
    for account in sorted(expected):
        name = account.replace("@", "-")
        partition = "gpu_p6" if account.endswith("@h100") else "gpu_p5"
        project = "chaos-" + name
        allocation = "%s-%s-2026" % (cluster, name)
        ledger.need("PUT", "/api/v1/projects/" + project, {
            "title": "Chaos test project of " + account, "principalInvestigator": "Chaos Tester",
            "organisation": "GPU Ledger chaos", "audience": "ACADEMIC", "sector": "research", "accessMode": "AD"})
        ledger.need("POST", "/api/v1/allocations", {
            "allocationId": allocation, "projectId": project, "poolId": "%s-%s" % (cluster, partition),
            "fundingSource": "GENCI", "gpuHours": GRANT_GPU_HOURS, "periodStart": PERIOD[0],
            "periodEnd": PERIOD[1], "schedulerAccount": account})
        allocations[account] = allocation
    return allocations


def consumed_by_account(ledger, allocations):
    consumed = {}
    for account, allocation in allocations.items():
        status, view = ledger.call("GET", "/api/v1/allocations/" + allocation)
        consumed[account] = view["consumed"]["gpuSeconds"] if status == 200 else None
    return consumed


def await_balances(ledger, allocations, expected):
    """Polls the balance views until they equal the expected charges, or until they stop moving for 90 s."""
    deadline = time.monotonic() + PROJECTIONS_WAIT_S
    last, still_since = None, time.monotonic()
    while True:
        consumed = consumed_by_account(ledger, allocations)
        if consumed == expected or time.monotonic() > deadline:
            return consumed
        if consumed != last:
            last, still_since = consumed, time.monotonic()
        elif time.monotonic() - still_since > BALANCES_STILL_S:
            return consumed
        time.sleep(0.5)


# -------------------------------------------------------------------------------------------------------- servers

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The ledger as an operator runs it: scripts/run (which execs the JVM, so its pid is the server's)."""

    def __init__(self, work, port, environment):
        self.port, self.log_path = port, os.path.join(work, "server.log")
        self.environment = dict(os.environ, LEDGER_PORT=str(port), **environment)
        self.environment.pop("LEDGER_JAVA_OPTS", None)
        self.process = None
        self.starts = 0
        self.start_seconds = 0.0

    def start(self):
        self.starts += 1
        with open(self.log_path, "a") as out:
            out.write("\n===== chaos: start %d =====\n" % self.starts)
            out.flush()
            self.process = subprocess.Popen([os.path.join(ROOT, "scripts", "run")], env=self.environment,
                                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        ledger = Ledger(self.port, os.path.join(self.environment["LEDGER_DATA_DIR"], "admin-token"))
        began = time.monotonic()
        deadline = began + SERVER_START_WAIT_S
        while not ledger.healthy():
            if self.process.poll() is not None:
                raise Failure("the server exited (%d) at start %d instead of starting: see %s"
                              % (self.process.returncode, self.starts, self.log_path))
            if time.monotonic() > deadline:
                raise Failure("the server did not start within %d s: see %s" % (SERVER_START_WAIT_S, self.log_path))
            time.sleep(0.5)
        self.start_seconds += time.monotonic() - began
        return ledger

    def kill9(self, process=None):
        """SIGKILL to this server process (by default the current one): no shutdown hook, nothing flushed."""
        process = process or self.process
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    @staticmethod
    def stop_left_behind_postgres(data):
        """When the driver itself fails right after a kill: the embedded PostgreSQL must not outlive the test."""
        try:
            with open(os.path.join(data, "postgres", "postmaster.pid")) as f:
                os.kill(int(f.readline()), signal.SIGINT)
        except (OSError, ValueError):
            pass

    def log_count(self, text):
        with open(self.log_path, errors="replace") as f:
            return f.read().count(text)


class PostgresCluster:
    """A PostgreSQL of the test's own (never the machine's), with the distribution's binaries, run by pg_ctl."""

    def __init__(self, work, port):
        self.bin = os.environ.get("LEDGER_CHAOS_PG_BIN") or self.find_bin()
        self.data = os.path.join(work, "pg")
        self.port = port
        self.log_path = os.path.join(work, "postgres.log")
        self.as_user = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.as_user = ["runuser", "-u", "postgres", "--"]
            os.chmod(work, 0o755)

    @staticmethod
    def find_bin():
        for candidate in sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: -int(v) if v.isdigit() else 0) \
                if os.path.isdir("/usr/lib/postgresql") else []:
            path = os.path.join("/usr/lib/postgresql", candidate, "bin")
            if os.path.exists(os.path.join(path, "pg_ctl")):
                return path
        raise Failure("no PostgreSQL binaries under /usr/lib/postgresql (set LEDGER_CHAOS_PG_BIN to a bin folder)")

    def pg_ctl(self, *arguments):
        subprocess.run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log_path,
                                       "-w", "-t", "120"] + list(arguments),
                       check=True, stdout=subprocess.DEVNULL)

    def init_and_start(self):
        os.makedirs(self.data)
        open(self.log_path, "a").close()
        if self.as_user:
            shutil.chown(self.data, "postgres")
            shutil.chown(self.log_path, "postgres")
        subprocess.run(self.as_user + [os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres",
                                       "-A", "trust", "-E", "UTF-8"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write("\nport = %d\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                       "max_connections = 100\n" % self.port)
        self.pg_ctl("start")

    def restart(self, mode):
        self.pg_ctl("restart", "-m", mode)

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.pg_ctl("stop", "-m", "fast")


def sql(port, database, query):
    result = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database,
                             "-X", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", query],
                            check=True, capture_output=True, text=True, timeout=600)
    return [line.split("|") for line in result.stdout.splitlines() if line]


def embedded_port(data_dir):
    with open(os.path.join(data_dir, "postgres", "postmaster.pid")) as f:
        return int(f.read().splitlines()[3])


# --------------------------------------------------------------------------------------------------------- checks

def check_books(ledger, port, database, cluster, allocations, expected, counts, checks):
    """Every figure of the books against the file: API, usage store, events, journal, trial balance."""
    consumed = await_balances(ledger, allocations, expected)
    wrong = {a: (consumed[a], expected[a]) for a in expected if consumed[a] != expected[a]}
    checks.append(("charged GPU-seconds per account (balance view) = expected-charges.py", not wrong,
                   "%d accounts%s" % (len(expected), "; wrong: %s" % dict(list(wrong.items())[:5]) if wrong else "")))
    ids = tuple(allocations.values())
    in_list = ",".join("'%s'" % a for a in ids)
    rows, distinct, stored = sql(port, database, "SELECT count(*), count(DISTINCT job_id), coalesce(sum(gpu_seconds),0)"
                                                 " FROM usage_record WHERE cluster = '%s'" % cluster)[0]
    checks.append(("usage store: one row per charged record, none twice", int(rows) == counts["charged"]
                   and int(distinct) == int(rows), "%s rows, %s distinct jobs, %d charged records in the file"
                   % (rows, distinct, counts["charged"])))
    # A charge's GPU-seconds are its chargedGpus x elapsedSeconds (stored as such since ConsumptionRecorded revision 2)
    charges, events_total, events = sql(port, database, """
        SELECT coalesce(sum(jsonb_array_length(p->'charges')),0),
               coalesce(sum((SELECT sum((c->>'chargedGpus')::bigint * (c->>'elapsedSeconds')::bigint)
                             FROM jsonb_array_elements(p->'charges') c)),0), count(*)
        FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry
              WHERE payload_type LIKE '%ConsumptionRecorded' AND aggregate_identifier IN (""" + in_list + """)) e""")[0]
    total = sum(expected.values())
    checks.append(("events: every charged record in exactly one ConsumptionRecorded", int(charges) == counts["charged"]
                   and int(events_total) == total, "%s charges in %s events, %s GPU-seconds (expected %d)"
                   % (charges, events, events_total, total)))
    journal = dict((a, int(s)) for a, s in sql(port, database, """
        SELECT a.allocation_id, sum(e.amount) FROM journal_entry e JOIN journal_allocation a USING (allocation_no)
        WHERE e.movement = 'CONSUMED' AND a.allocation_id IN (""" + in_list + ") GROUP BY a.allocation_id"))
    posted, posted_events = sql(port, database, """
        SELECT count(DISTINCT e.global_index), (SELECT count(*) FROM domain_event_entry
          WHERE payload_type LIKE '%ConsumptionRecorded' AND aggregate_identifier IN (""" + in_list + """))
        FROM journal_entry e JOIN journal_allocation a USING (allocation_no)
        WHERE e.movement = 'CONSUMED' AND a.allocation_id IN (""" + in_list + ")")[0]
    journal_wrong = {a: (journal.get(al), expected[a]) for a, al in allocations.items() if journal.get(al) != expected[a]}
    checks.append(("journal: consumption per allocation = expected, each event posted once", not journal_wrong
                   and posted == posted_events, "%s events posted of %s%s" % (posted, posted_events,
                   "; wrong: %s" % dict(list(journal_wrong.items())[:5]) if journal_wrong else "")))
    balance = dict((a, (int(c), int(g))) for a, c, g in sql(port, database,
        "SELECT allocation_id, consumed, granted FROM allocation_balance WHERE allocation_id IN (" + in_list + ")"))
    view_wrong = [a for a, al in allocations.items() if balance.get(al, (None,))[0] != journal.get(al)]
    checks.append(("balance view = journal, per allocation", not view_wrong, "%d allocations compared%s"
                   % (len(allocations), "; differ: %s" % view_wrong[:5] if view_wrong else "")))
    trial = ledger.need("GET", "/api/v1/journal/trial-balance")
    debits, credits = trial["totalDebits"]["gpuSeconds"], trial["totalCredits"]["gpuSeconds"]
    checks.append(("trial balance: debits = credits", debits == credits, "%d = %d" % (debits, credits)))
    charged_total = sum(v for v in consumed.values() if v is not None)
    return {"expected": total, "charged": charged_total, "stored": int(stored), "events": int(events_total),
            "duplicates": int(rows) - int(distinct) + max(0, int(charges) - counts["charged"])}


# ------------------------------------------------------------------------------------------------------- part (a)

def kill_during_imports(args, work, export, expected, counts):
    """Kill points are seeded positions in the import's progress: (records the usage store must hold, share of a
    request's body, delay). Once the usage store holds that many of the file's records, the next request is sent,
    and when that share of its body is out, the server is killed after the delay: inside the upload, while the
    server groups and books the request, inside its commit, or just after its answer."""
    header, records = read_export(export)
    bodies = requests_of(header, records, args.lines_per_request)
    rnd = random.Random(args.seed)
    # below the last three requests' records: a kill point must come before the import's end, or the import would
    # complete first and the kill never happen
    last_reachable = max(1, counts["charged"] * max(1, len(bodies) - 3) // len(bodies))
    kill_points = sorted((rnd.randrange(last_reachable), rnd.randint(50, 100) / 100, rnd.randint(0, 400))
                         for _ in range(args.kills))
    cluster = "chaos-a"
    data = os.path.join(work, "data")
    server = Server(work, args.port or free_port(), {"LEDGER_DATA_DIR": data})
    log("(a) %d lines in %d requests, %d kill points (records stored, share of the request sent, ms after): %s;"
        " server on port %d, data in %s" % (len(records), len(bodies), len(kill_points), kill_points, server.port, data))
    try:
        ledger = server.start()
        allocations = set_up_books(ledger, cluster, expected)
        kills, attempts = [], 0
        while True:
            attempts += 1
            if attempts > ATTEMPTS_MAX:
                raise Failure("no import completed in %d attempts" % ATTEMPTS_MAX)
            plan = kill_points[len(kills)] if len(kills) < len(kill_points) else None
            started = time.monotonic()
            outcome = import_all(ledger, cluster, bodies, server, embedded_port(data), plan, started)
            if outcome.get("rejected"):
                raise Failure(outcome["rejected"])
            if outcome.get("killed"):
                kills.append(dict(outcome["killed"], attempt=attempts))
            if outcome.get("completed") and server.process.poll() is None:
                log("  attempt %d: the whole file imported in %.1f s" % (attempts, time.monotonic() - started))
                break
            if server.process.poll() is None:
                server.kill9()  # a request failed without a kill: start afresh all the same
            log("  attempt %d: %s; restarting" % (attempts, "killed during request %(request)d with %(stored)d records"
                                                  " stored, %(seconds)s s in" % outcome["killed"]
                                                  if outcome.get("killed") else "failed: %s" % outcome.get("failure")))
            ledger = server.start()
        checks = []
        figures = check_books(ledger, embedded_port(data), "ledger", cluster, allocations, expected, counts, checks)
        leftovers = server.log_count("left by a ledger that was killed")
        lock_failures = server.log_count('lock file "postmaster.pid" already exists')
        checks.append(("every restart after a kill -9 started by itself",
                       lock_failures == 0 and server.starts == attempts and len(kills) == len(kill_points),
                       "%d kills, %d starts (%.0f s each on average), %d left-behind PostgreSQL stopped,"
                       " %d lock-file failures" % (len(kills), server.starts, server.start_seconds / server.starts,
                                                   leftovers, lock_failures)))
    finally:
        server.stop()
        server.stop_left_behind_postgres(data)
    return {"part": "a", "kills": kills, "attempts": attempts, "records": len(records), "checks": checks,
            "leftovers": leftovers, **figures}


def import_all(ledger, cluster, bodies, server, port, plan, started):
    """One import of the whole file, request after request; with a plan, the server is killed on the way."""
    outcome = {}
    armed = False
    for index, body in enumerate(bodies):
        kill_at = None
        if plan is not None and not armed:
            stored = stored_records(port, "ledger", cluster)
            if stored >= plan[0]:
                armed = True
                kill_at = int(len(body) * plan[1])
                outcome["killed"] = {"request": index + 1, "stored": stored,
                                     "seconds": round(time.monotonic() - started, 1)}

        def kill_soon():
            threading.Timer(plan[2] / 1000, server.kill9, args=(server.process,)).start()
        status, answer = ledger.import_sacct(cluster, body, kill_at, kill_soon if kill_at is not None else None)
        if status is None or not 200 <= status < 300:
            outcome["failure"] = "request %d: %s %s" % (index + 1, status, str(answer)[:300])
            return outcome
        if answer.get("rejected"):
            outcome["rejected"] = "request %d rejected lines: %s" % (index + 1, answer["rejected"][:3])
            return outcome
    outcome["completed"] = True
    return outcome


def stored_records(port, database, cluster):
    try:
        return int(sql(port, database, "SELECT count(*) FROM usage_record WHERE cluster = '%s'" % cluster)[0][0])
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return -1  # PostgreSQL going away under a kill: ask again


# ------------------------------------------------------------------------------------------------------- part (b)

def restart_postgres_during_imports(args, work, export, expected, counts):
    header, records = read_export(export)
    rnd = random.Random(args.seed + 1)
    lines_per_request = args.small_requests
    requests = [records[i:i + lines_per_request] for i in range(0, len(records), lines_per_request)]
    restart_after = sorted(rnd.sample(range(1, len(requests)), min(args.pg_restarts, len(requests) - 1)))
    pg = PostgresCluster(work, free_port())
    pg.init_and_start()
    cluster = "chaos-b"
    database = "ledger_chaos"
    server = Server(work, free_port(), {"LEDGER_DB_URL": "jdbc:postgresql://127.0.0.1:%d/%s" % (pg.port, database),
                                        "LEDGER_DB_USER": "postgres", "LEDGER_DB_PASSWORD": "",
                                        "LEDGER_DATA_DIR": os.path.join(work, "data-b"),
                                        # a throw-away ledger: its administrator token as in development mode
                                        "LEDGER_SECURITY_DEVELOPMENT_ADMIN_TOKEN": "true"})
    log("(b) %d lines in %d requests, PostgreSQL (%s) on port %d restarted during requests %s"
        % (len(records), len(requests), pg.bin, pg.port, [i + 1 for i in restart_after]))
    try:
        ledger = server.start()
        allocations = set_up_books(ledger, cluster, expected)
        acknowledged, refused, restarts = [], [], []
        modes = ["immediate", "fast"]
        for index, lines in enumerate(requests):
            body = ("\n".join([header] + lines) + "\n").encode("utf-8")
            on_kill = None
            if index in restart_after:
                mode = modes[len(restarts) % 2]

                def on_kill(mode=mode):
                    pg.restart(mode)
                restarts.append({"request": index + 1, "mode": mode})
            status, answer = ledger.import_sacct(cluster, body, len(body) // 2 if on_kill else None, on_kill)
            if status is not None and 200 <= status < 300:
                acknowledged.append((index, answer))
            else:
                refused.append((index, status, str(answer)[:200]))
        log("  %d requests acknowledged, %d refused during the restarts: %s"
            % (len(acknowledged), len(refused), [(i + 1, s) for i, s, _ in refused]))
        checks = []
        stored = set(r[0] for r in sql(pg.port, database,
                                       "SELECT job_id FROM usage_record WHERE cluster = '%s'" % cluster))
        missing, miscounted = [], []
        for index, answer in acknowledged:
            ids = chargeable_job_ids(header, requests[index])
            missing += [j for j in ids if j not in stored]
            if answer["accepted"] + answer["duplicates"] != len(ids):
                miscounted.append(index + 1)
        checks.append(("every record an acknowledged answer counted is in the usage store", not missing and not miscounted,
                       "%d acknowledged requests, %d records missing, answers miscounted: %s"
                       % (len(acknowledged), len(missing), miscounted)))
        for attempt in range(1, 11):  # the refused requests again: they must now succeed, and charge once
            if not refused:
                break
            again = []
            for index, _, _ in refused:
                body = ("\n".join([header] + requests[index]) + "\n").encode("utf-8")
                status, answer = ledger.import_sacct(cluster, body)
                if status is None or not 200 <= status < 300:
                    again.append((index, status, str(answer)[:200]))
            refused = again
            if refused:
                time.sleep(2)
        if refused:
            raise Failure("requests still refused after PostgreSQL came back: %s" % refused[:3])
        figures = check_books(ledger, pg.port, database, cluster, allocations, expected, counts, checks)
    finally:
        server.stop()
        pg.stop()
    return {"part": "b", "restarts": restarts, "records": len(records), "requests": len(requests),
            "acknowledged": len(acknowledged), "checks": checks, **figures}


# ------------------------------------------------------------------------------------------------------------ main

def summary(results):
    print()
    print("==== scripts/chaos summary ====")
    failed = 0
    for r in results:
        if r["part"] == "a":
            print("(a) kill -9 during imports: %d kill points, %d import attempts, %d records, %d left-behind"
                  " PostgreSQL stopped at restart" % (len(r["kills"]), r["attempts"], r["records"], r["leftovers"]))
            print("    kills (request of the file, records already stored, seconds into the attempt): %s"
                  % ", ".join("#%d/%d@%ss" % (k["request"], k["stored"], k["seconds"]) for k in r["kills"]))
        else:
            print("(b) PostgreSQL restarts during imports: %s; %d records in %d requests, %d acknowledged at first"
                  % (", ".join("%s at request %d" % (x["mode"], x["request"]) for x in r["restarts"]),
                     r["records"], r["requests"], r["acknowledged"]))
        print("    GPU-seconds expected %d, charged %d (usage store %d, events %d), duplicates %d"
              % (r["expected"], r["charged"], r["stored"], r["events"], r["duplicates"]))
        for name, ok, detail in r["checks"]:
            failed += 0 if ok else 1
            print("    %s %s: %s" % ("PASS" if ok else "FAIL", name, detail))
    passed = sum(len(r["checks"]) for r in results) - failed
    print("%d passed, %d failed" % (passed, failed))
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="200,000 lines, 20 kill points, 5 PostgreSQL restarts")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--lines", type=int)
    ap.add_argument("--kills", type=int)
    ap.add_argument("--pg-restarts", type=int)
    ap.add_argument("--lines-per-request", type=int, default=2_000, help="part (a): lines of the file per request")
    ap.add_argument("--small-requests", type=int, default=2_000, help="part (b): lines per request")
    ap.add_argument("--only", choices=["a", "b"])
    ap.add_argument("--port", type=int, help="part (a): the server's port (default: a free one)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, data)")
    args = ap.parse_args()
    args.lines = args.lines or (200_000 if args.full else 30_000)
    args.kills = args.kills if args.kills is not None else (20 if args.full else 3)
    args.pg_restarts = args.pg_restarts if args.pg_restarts is not None else (5 if args.full else 2)
    work = tempfile.mkdtemp(prefix="gpu-ledger-chaos.")
    log("seed %d, %d lines, work folder %s" % (args.seed, args.lines, work))
    results, status = [], 1
    try:
        export, expected, counts = generate(work, args.lines, args.seed)
        log("expected: %d GPU-seconds over %d accounts, %d charged records (expected-charges.py)"
            % (sum(expected.values()), len(expected), counts["charged"]))
        if args.only in (None, "a"):
            results.append(kill_during_imports(args, work, export, expected, counts))
        if args.only in (None, "b"):
            results.append(restart_postgres_during_imports(args, work, export, expected, counts))
        status = 1 if summary(results) else 0
    except Failure as failure:
        summary(results)
        log("FAILED: %s (logs kept in %s)" % (failure, work))
        args.keep = True
    finally:
        if status != 0:
            args.keep = True
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log("work folder kept: %s" % work)
    return status


if __name__ == "__main__":
    sys.exit(main())
