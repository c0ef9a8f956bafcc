#!/usr/bin/env python3
"""`make bench-service`: textgate's HTTP routes against a bare Hummingbird 2 JSON route, with wrk.

Starts `service-bench` (the bare route, twice: alone, and as two instances sharing the connections
as textgate's two instances do) and `textgate serve` on SQLite, on PostgreSQL with one instance and
with two, all side by side; drives each with wrk in rounds that take turns, so that
every ratio compares runs made under the same load; counts what each database holds against the
2xx answers; and writes its section of BENCHMARKS.md (between its markers; the rest of the file,
written by `make bench`, is kept).
"""
import argparse, base64, json, os, platform, re, shutil, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "wrk-count.lua")
START, END = "<!-- bench-service:start -->", "<!-- bench-service:end -->"
CONFIG = 'practice: {name: Riverside Family Medicine, phone: "(555) 210-2000", number: "+15552100100", email: care@riversidefamilymed.com}\n'


def log(message):
    print("bench-service: " + message, file=sys.stderr, flush=True)


def start(command, banner, env=None):
    """Starts a server and returns (process, port) once its banner names the port."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        found = re.search(banner + r"http://127\.0\.0\.1:(\d+)", line)
        if found:
            # Keep reading its output so that it never blocks on a full pipe.
            subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
            return process, int(found.group(1))
    process.kill()
    raise SystemExit(f"bench-service: {command[0]} did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()


def call(port, method, path, key=None, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wrk(ports, mode, connections, seconds, key="", recipient="", tag="run", area=555):
    """Runs wrk against each port at once (connections split between them) and merges the results:
    requests/s summed, p50 and p99 the worst of the instances. Instance i's STOPs come from area
    code `area - 100 i`, so that no two runs with different areas send from one number."""
    runs = []
    for i, port in enumerate(ports):
        env = dict(os.environ, BENCH_MODE=mode, BENCH_KEY=key, BENCH_RECIPIENT=recipient,
                   BENCH_TAG=f"{tag}-{i}", BENCH_AREA=str(area - i * 100))
        per = max(1, connections // len(ports))
        # Two wrk threads in all, whatever the number of instances: the client takes the same
        # share of the cores in every configuration.
        threads = max(1, min(per, 2 // len(ports)))
        runs.append(subprocess.Popen(["wrk", "-t", str(threads), "-c", str(per), "-d", f"{seconds}s", "--latency",
                                      "-s", LUA, f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True, env=env))
    results = []
    for run in runs:
        out, _ = run.communicate()
        line = next((l for l in out.splitlines() if l.startswith("BENCH ")), None)
        if line is None:
            raise SystemExit("bench-service: wrk gave no result:\n" + out)
        results.append(json.loads(line[6:]))
    return {
        "rps": sum(r["requests"] / r["seconds"] for r in results),
        "p50": max(r["p50_us"] for r in results) / 1000,
        "p99": max(r["p99_us"] for r in results) / 1000,
        "ok": sum(r["ok"] for r in results),
        "non2xx": sum(r["non2xx"] for r in results),
        "errors": sum(r["socket_errors"] for r in results),
    }


class SQLiteCounts:
    def __init__(self, path):
        self.path = path

    def count(self, sql):
        with sqlite3.connect(self.path) as db:
            return db.execute(sql).fetchone()[0]


class PostgresCounts:
    def __init__(self, url):
        self.url = url

    def count(self, sql):
        out = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-d", self.url, "-c", sql], check=True,
                             capture_output=True, text=True).stdout
        return int(out.strip())


def pg_cluster(root):
    """A PostgreSQL server on a Unix socket in `root`, with its default durability (fsync on,
    synchronous_commit on). Returns (process, url template with DATABASE)."""
    versions = sorted((int(v) for v in os.listdir("/usr/lib/postgresql") if v.isdigit()), reverse=True)
    bin = f"/usr/lib/postgresql/{versions[0]}/bin"
    prefix = []
    if os.getuid() == 0:
        user = "postgres"
        shutil.chown(root, user, user)
        prefix = ["/usr/bin/setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--"]
    data = os.path.join(root, "data")
    subprocess.run(prefix + [f"{bin}/initdb", "-D", data, "-A", "trust", "-U", "textgate", "-E", "UTF8", "--no-locale"],
                   check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(prefix + [f"{bin}/postgres", "-D", data, "-k", root, "-c", "listen_addresses=",
                                        "-c", "max_connections=300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        if subprocess.run([f"{bin}/pg_isready", "-q", "-h", root, "-U", "textgate", "-d", "postgres"]).returncode == 0:
            return server, f"postgres://textgate@/DATABASE?host={root}"
        time.sleep(0.2)
    raise SystemExit("bench-service: postgres did not start")


class Target:
    """One textgate configuration under test: its servers, API key and patient, and how to count
    what its database holds."""

    def __init__(self, name, bin, rules, db, instances, counts, work, key_file):
        self.name, self.counts = name, counts
        self.tag = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        config = os.path.join(work, f"{self.tag}.yml")
        with open(config, "w") as f:
            f.write(CONFIG + (f'secure: {{key_file: "{key_file}"}}\n' if key_file else ""))
            # On PostgreSQL, each instance journals its checks' audit records in a directory of
            # this machine (shared by the instances here, as on one host) before moving them in.
            if key_file:
                f.write(f'audit: {{journal: "{os.path.join(work, self.tag + "-journal")}"}}\n')
        created = subprocess.run([f"{bin}/textgate", "keys", "create", "--db", db, "--role", "sender,admin,provider", "--name", "bench"],
                                 check=True, capture_output=True, text=True)
        self.key = created.stdout.strip().splitlines()[-1]
        self.servers = []
        try:
            for _ in range(instances):
                self.servers.append(start([f"{bin}/textgate", "serve", "--db", db, "--rules", rules, "--port", "0",
                                           "--config", config], "textgate listening on "))
            self.ports = [port for _, port in self.servers]
            self.patient = call(self.ports[0], "POST", "/v1/patients", self.key,
                                {"firstName": "Ana", "lastName": "Diaz", "dateOfBirth": "1984-03-09",
                                 "cellPhone": "(555) 210-2001"})["id"]
        except BaseException:
            self.stop()
            raise

    def stop(self):
        for process, _ in self.servers:
            stop(process)


def rotated(items, k):
    """`items` starting at its k-th (mod its length), so that no one is always measured first."""
    k %= len(items)
    return items[k:] + items[:k]


def merged(runs, connections=None):
    """The rounds of one route on one configuration as one row: the medians of requests/s, p50
    and p99, and the answers summed."""
    row = {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p99")}
    row.update({key: sum(r[key] for r in runs) for key in ("ok", "non2xx", "errors")})
    row["rounds"] = runs
    if connections is not None:
        # wrk leaves up to one request per connection in flight at the end of each round.
        row["connections"] = connections * len(runs)
    return row


def round_seconds(seconds, rounds):
    """wrk's time for each route and store in one round: `seconds` over all rounds, at least 2."""
    return max(2, round(seconds / rounds))


def measure(bare_ports, targets, seconds, rounds):
    """Every route on every configuration, in rounds: each round measures each configuration
    (and, for /v1/check, the bare route on one instance and, when there are two ports, on two)
    once, in an order that turns from round to round, so that a change in the machine's load falls
    on all of them alike. Returns the bare route's row, its row on two instances (or None), and
    each configuration's rows."""
    per = round_seconds(seconds, rounds)
    # The bare route's configurations: the ports wrk drives at once, one or two.
    bares = [bare_ports[:1]] + ([bare_ports] if len(bare_ports) > 1 else [])
    bare_runs = {len(ports): [] for ports in bares}
    runs = {t.name: {"check": [], "messages": [], "inbound STOP": []} for t in targets}
    wrk(bare_ports, "echo", 32, 2)  # warm-up
    # The warm-up's checks are audited too: their 2xx answers are taken from the count below.
    warm = {t.name: wrk(t.ports, "check", 32, 2, t.key)["ok"] for t in targets}
    for r in range(rounds):
        for t in rotated(bares + targets, r):
            if isinstance(t, list):
                bare_runs[len(t)].append(wrk(t, "echo", 32, per))
            else:
                runs[t.name]["check"].append(wrk(t.ports, "check", 32, per, t.key))
    # What each database holds is counted after a route's last round, before the next route
    # writes to the same tables (a STOP's confirmation is an outbox item too; a send is audited).
    held = {t.name: {} for t in targets}
    for t in targets:
        audited = settled(t.counts, "SELECT count(*) FROM audit WHERE action = 'check'")
        held[t.name]["check"] = ({"audit records": audited - warm[t.name]}, 0)
    for route, mode in [("messages", "messages"), ("inbound STOP", "inbound")]:
        for r in range(rounds):
            for t in rotated(targets, r):
                runs[t.name][route].append(wrk(t.ports, mode, 16, per, t.key, t.patient, tag=f"{t.tag}-{mode}-{r}",
                                               area=555 - 10 * r))
        for t in targets:
            held[t.name][route] = held_counts(t.counts, route)
    results = {}
    for t in targets:
        rows = {"check": merged(runs[t.name]["check"], 32), "messages": merged(runs[t.name]["messages"], 16),
                "inbound STOP": merged(runs[t.name]["inbound STOP"], 16)}
        rows["check"]["connections"] += 32  # the warm-up's requests in flight at its end
        for route in ("check", "messages", "inbound STOP"):
            rows[route]["held"], rows[route]["duplicates"] = held[t.name][route]
        results[t.name] = rows
    return merged(bare_runs[1]), merged(bare_runs[2]) if 2 in bare_runs else None, results


def held_counts(counts, route):
    """What a database holds of a route's writes, once the requests still in flight have
    finished, and how many of them it holds twice."""
    if route == "messages":
        return ({"outbox items": settled(counts, "SELECT count(*) FROM outbox"),
                 "sent messages": counts.count("SELECT count(*) FROM messages WHERE status = 'sent'")},
                counts.count("SELECT count(*) FROM (SELECT message_id FROM outbox GROUP BY message_id HAVING count(*) > 1) d"))
    return ({"inbound records": settled(counts, "SELECT count(*) FROM inbound"),
             "opt-outs": counts.count("SELECT count(*) FROM consent_events WHERE action = 'opt-out'")},
            counts.count("SELECT count(*) FROM (SELECT from_phone FROM inbound GROUP BY from_phone HAVING count(*) > 1) d"))


def round_ratio(rows, baseline):
    """The median over rounds of a row's requests/s over the baseline's in the same round."""
    return statistics.median(a["rps"] / b["rps"] for a, b in zip(rows["rounds"], baseline["rounds"]))


def wrk_version():
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return ((out.stdout or out.stderr).splitlines() or ["wrk"])[0].split(" Copyright")[0].strip()


def settled(counts, sql):
    """The count once the requests still running when wrk stopped have finished (two reads agree)."""
    previous = counts.count(sql)
    while True:
        time.sleep(0.5)
        now = counts.count(sql)
        if now == previous:
            return now
        previous = now


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="the release build's bin directory")
    parser.add_argument("--rules", default="rules")
    parser.add_argument("--out", default="BENCHMARKS.md")
    parser.add_argument("--seconds", type=int, default=12, help="wrk's time per route and store, over all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each measuring every route and store once")
    parser.add_argument("--swift-version", default="")
    parser.add_argument("--sqlite-only", action="store_true",
                        help="a quick look: the bare route and SQLite only, printed and not written to --out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="textgate-bench-service-")
    os.chmod(work, 0o755)
    load_before = os.getloadavg()[0]

    key_file = os.path.join(work, "server.key")
    with open(key_file, "w") as f:
        f.write("1:" + base64.b64encode(os.urandom(32)).decode() + "\n")
    echoes = [start([f"{args.bin}/service-bench", "--port", "0"], "service-bench listening on ")
              for _ in range(1 if args.sqlite_only else 2)]
    targets, pg = [], None
    try:
        sqlite_path = os.path.join(work, "textgate.sqlite")
        targets.append(Target("SQLite", args.bin, args.rules, sqlite_path, 1, SQLiteCounts(sqlite_path), work, None))
        if not args.sqlite_only:
            pg_root = os.path.join(work, "pg")
            os.makedirs(pg_root)
            pg, template = pg_cluster(pg_root)
            for name, instances in [("PostgreSQL, one instance", 1), ("PostgreSQL, two instances", 2)]:
                database = f"bench{instances}"
                admin = template.replace("DATABASE", "postgres")
                subprocess.run(["psql", "-X", "-q", "-d", admin, "-c", f"CREATE DATABASE {database}"], check=True)
                url = template.replace("DATABASE", database)
                targets.append(Target(name, args.bin, args.rules, url, instances, PostgresCounts(url), work, key_file))
        log(f"{args.rounds} rounds of the bare route and " + ", ".join(t.name for t in targets))
        bare, bare_two, results = measure([port for _, port in echoes], targets, args.seconds, args.rounds)
    finally:
        for t in targets:
            t.stop()
        for echo, _ in echoes:
            stop(echo)
        if pg is not None:
            pg.terminate()
            pg.wait(30)
    if args.sqlite_only:
        for route, row in results["SQLite"].items():
            print(f"SQLite {route}: {row['rps']:,.0f}/s p50 {row['p50']:.2f} ms p99 {row['p99']:.2f} ms "
                  f"ratio {round_ratio(row, bare):.2f} 2xx {row['ok']:,} other {row['non2xx'] + row['errors']} {held_text(row)}")
        print(f"bare: {bare['rps']:,.0f}/s p99 {bare['p99']:.2f} ms")
        shutil.rmtree(work, ignore_errors=True)
        return
    load_after = os.getloadavg()[0]
    section = render(bare, bare_two, results, args, load_before, load_after)
    print(section)
    write(args.out, section)
    shutil.rmtree(work, ignore_errors=True)
    failures = [f"{config} {route}: {problem}" for config, rows in results.items() for route, row in rows.items()
                for problem in held_problems(row)]
    if failures:
        raise SystemExit("bench-service: the database does not match the answers:\n  " + "\n  ".join(failures))


def held_problems(row):
    """What the database holds against the 2xx answers: none missing, none twice. wrk stops
    waiting for the requests in flight when its time is up (at most one per connection); the
    server still completes them, so the database may hold up to that many more."""
    if not row.get("held"):
        return []
    problems = [f"{row['duplicates']} sent or received twice"] if row["duplicates"] else []
    for what, n in row["held"].items():
        if n < row["ok"]:
            problems.append(f"{what} {n}: fewer than the {row['ok']} 2xx answers")
        elif n > row["ok"] + row["connections"]:
            problems.append(f"{what} {n}: more than the {row['ok']} 2xx answers and {row['connections']} in flight")
    return problems


def held_text(row):
    if not row.get("held"):
        return ""
    parts = [f"{what} {n:,} (+{n - row['ok']})" for what, n in row["held"].items()]
    verdict = "none lost, none twice" if not held_problems(row) else "MISMATCH: " + "; ".join(held_problems(row))
    return ", ".join(parts) + f": {verdict}"


def render(bare, bare_two, results, args, load_before, load_after):
    def n(x):
        return f"{x:,.0f}"
    sqlite_messages = results["SQLite"]["messages"]["rps"]
    lines = [START, "", "## HTTP service (`make bench-service`)", "",
             "textgate's routes on loopback against a bare Hummingbird 2 route that decodes the same JSON body and",
             "encodes a JSON answer (`Benchmarks/service-bench`), driven by wrk in the same run. Both servers are",
             "release builds; wrk runs on the same machine and shares its cores.",
             "",
             f"| | |", "|---|---|",
             f"| Command | `make bench-service` (`BENCH_SECONDS={args.seconds}` per route and store, in {args.rounds} rounds of {round_seconds(args.seconds, args.rounds)} s) |",
             f"| Date | {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} |",
             f"| Machine | {platform.system()} {platform.machine()}; {cpu_model()}; {os.cpu_count()} cores online; load average {load_before:.2f} before, {load_after:.2f} after |",
             f"| Swift | {args.swift_version or 'unknown'} |",
             f"| wrk | {wrk_version()} |",
             "",
             "`/v1/check` at 32 connections, `/v1/messages` (outbox transport) and an inbound STOP at 16. With two",
             "instances the connections are split between them and a wrk of one thread runs against each (one wrk",
             "of two threads otherwise): requests/s is the sum, p50 and p99 the worse instance's. The bare route",
             "runs as two instances too, measured the same way, to show what two processes of the stack itself",
             "reach on these cores; ratios are to the bare route on one instance. Each send uses a new idempotency",
             "key; each STOP comes from a new number. On PostgreSQL the instances run with",
             "`audit.journal` set, as the README advises for speed: a check's audit record is in a journal file of",
             "the instance before the answer and in the database at the instance's next move of its journal",
             "(50 ms after its last move ended).",
             "",
             f"All servers run side by side, and the run goes in {args.rounds} rounds: each round measures every store",
             "once (and, for `/v1/check`, the bare route on one and on two instances), in an order that turns from",
             "round to round, so that a change in the machine's load falls on all of them alike. Requests/s, p50 and",
             "p99 are the medians of the rounds; a ratio is the median of the ratios within each round; 2xx and other",
             "answers are summed.",
             "",
             "| Store | Route | Requests/s | p50 ms | p99 ms | Ratio to bare | 2xx | Other | What the database holds |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|",
             f"| (none) | bare Hummingbird JSON route | {n(bare['rps'])} | {bare['p50']:.2f} | {bare['p99']:.2f} | 1.00 | {n(bare['ok'])} | {bare['non2xx'] + bare['errors']} | |"]
    if bare_two:
        lines.append(f"| (none), two instances | bare Hummingbird JSON route | {n(bare_two['rps'])} | {bare_two['p50']:.2f} | "
                     f"{bare_two['p99']:.2f} | {round_ratio(bare_two, bare):.2f} | {n(bare_two['ok'])} | "
                     f"{bare_two['non2xx'] + bare_two['errors']} | |")
    for config, rows in results.items():
        for route, row in rows.items():
            held = held_text(row)
            label = {"check": "`POST /v1/check`", "messages": "`POST /v1/messages`", "inbound STOP": "`POST /v1/inbound` STOP"}[route]
            lines.append(f"| {config} | {label} | {n(row['rps'])} | {row['p50']:.2f} | {row['p99']:.2f} | "
                         f"{round_ratio(row, bare):.2f} | {n(row['ok'])} | {row['non2xx'] + row['errors']} | {held} |")
    # The check's target holds on every store: the check itself does not depend on it.
    checks = {c: (round_ratio(r["check"], bare), r["check"]["p99"]) for c, r in results.items()}
    pg_ratios = {c: round_ratio(r["messages"], results["SQLite"]["messages"]) for c, r in results.items() if c != "SQLite"}
    lines += ["", "Targets (issue 12 and its decisions):", "",
              "- `/v1/check` at least 0.7 of the bare route with p99 under 5 ms, on every store: "
              + "; ".join(f"{c} {ratio:.2f}, p99 {p99:.2f} ms ({'met' if ratio >= 0.7 and p99 < 5 else 'missed'})"
                          for c, (ratio, p99) in checks.items())
              + (f" (the bare route on two instances: p99 {bare_two['p99']:.2f} ms)" if bare_two else "") + ".",
              f"- `/v1/messages` at least 3,000/s with p99 under 10 ms on SQLite: {n(sqlite_messages)}/s, p99 "
              f"{results['SQLite']['messages']['p99']:.2f} ms "
              f"({'met' if sqlite_messages >= 3000 and results['SQLite']['messages']['p99'] < 10 else 'missed'}).",
              f"- `/v1/messages` on PostgreSQL at least half the SQLite figure: "
              + ", ".join(f"{c.split(', ')[1]} {n(r['messages']['rps'])}/s ({pg_ratios[c]:.2f})"
                          for c, r in results.items() if c != "SQLite")
              + f" ({'met' if all(x >= 0.5 for x in pg_ratios.values()) else 'missed'}).",
              "",
              "After a route's last round, once the servers have finished the requests still in flight, each database",
              "is counted: every 2xx check has its audit record (the warm-up's checks taken off), every 2xx send its",
              "outbox item and every 2xx STOP its inbound record and opt-out (none lost), no message has two outbox",
              "items and no number two inbound records (none twice). The (+n) beyond the 2xx count are requests wrk",
              "had sent when a round's time ran out and stopped waiting for (at most one per connection and round);",
              "the server completed them. `make bench-service` fails on any other difference.",
              "", END]
    return "\n".join(lines) + "\n"


def write(path, section):
    text = open(path).read() if os.path.exists(path) else ""
    if START in text and END in text:
        a, b = text.index(START), text.index(END) + len(END)
        text = text[:a] + section.rstrip("\n") + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(text)
    log("wrote " + path)


if __name__ == "__main__":
    main()
