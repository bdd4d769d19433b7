#!/usr/bin/env python3
"""Soak of `vitae serve` on loopback (release build): a long run at 80 % of measured capacity.

1. Capacity, measured first in the same run, every request a different document:
   - each kind alone at 16 clients for 15 s (closed loop), for reference:
     - a PDF render of the example resume with a number changed in the name and a bullet;
     - an ATS check of that resume against a real posting (the number changed likewise);
     - a resume stored (`POST /v1/resumes`: a write to the SQLite database);
   - then the mix's capacity closed loop: the three at once, the 16 clients split by the mix's
     shares (renders 60 %, ATS checks 25 %, writes 15 %). Each kind's throughput there is what
     the machine does of it while doing the others; the kinds alone add up to more than the
     machine can do at once (the first run, rated from the kinds alone, answered 3–6 % 503);
   - then the mix's capacity as the soak sends it, which is what the soak is rated from: open
     loop, a new connection per request, at 1.25 times the closed loop's rates, each kind's
     successful answers a second counted from the server's /metrics while its work queue stays
     deep. The closed loop overstates it: sixteen requests in flight on kept-alive connections
     pay no connection, on either side of the two cores (on 2026-12-07, 80 % of the closed
     loop's rates kept the queue full for ten minutes and 4,190 requests were refused).
2. The soak: the three at once, open loop (a new connection per request; latency counted from
   the scheduled send time, so a server that falls behind shows it), each at 80 % of its rate in
   the mix's open-loop capacity: the machine at about 80 % of what it can do, with a /health
   probe beside them. One window a minute: requests, errors and p99 of each kind, the server's resident
   memory after the window, and, sampled each second, the CPU time the hypervisor took from
   this virtual machine (steal, from /proc/stat), which the server cannot make up, the
   machine's idle time, the server's CPU time and the work queue's depth and the pool's typical
   PDF render time (from /metrics).
The load generator shares the machine's two cores with the server, so the server runs at a
lower priority (`--server-nice`, 10 by default; 0 for the same): the clients send on schedule,
as clients on other machines would, instead of sending late and then all at once with their own
delay counted as the server's latency, and the server still has every cycle they leave.
Bar (issue 20): 0 errors, RSS flat (every window within 10 % of the first), p99 stable (read
here as: no minute's p99 more than twice the median minute's, for each kind).

    python3 bench/soak.py [--minutes 10] [--json out.json] [--no-build] [--server-log FILE]
                          [--load 0.8] [--server-nice 10]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_load  # noqa: E402  (the server, the load generator and the distinct body)

ROOT = serve_load.ROOT
VARY = serve_load.VARY
SHARES = {"render": 0.60, "ats": 0.25, "write": 0.15}
LOAD = 0.80
POSTING = os.path.join(ROOT, "..", "shared", "fixtures", "jobs", "backend-eng.txt")


def indented(text):
    return "".join("  " + line if line.strip() else line for line in text.splitlines(True))


def requests(server, key, tmp):
    """Each kind of request: (path, body file), all YAML bodies with VARY in them."""
    resume = serve_load.distinct_body(tmp)
    with open(resume) as f:
        resume_yaml = f.read()
    with open(POSTING) as f:
        posting = f.read()
    ats = os.path.join(tmp, "ats.yaml")
    with open(ats, "w") as f:
        f.write("resume_data:\n" + indented(resume_yaml) + "job_description: |\n" + indented(posting))
    return {
        "render": ("/v1/render/pdf?theme=classic&date=2026-12-06", resume),
        "ats": ("/v1/ats/check", ats),
        "write": ("/v1/resumes", resume),
    }


def load_args(server, key, path, body):
    return ["POST", server.url(path), "--body", body, "-H", f"X-API-Key: {key}",
            "-H", "Content-Type: application/yaml", "--vary", VARY, "--timeout", "30"]


def capacity(server, key, kinds, seconds):
    out = {}
    for kind, (path, body) in kinds.items():
        r = serve_load.loadgen([*load_args(server, key, path, body), "-c", "16", "-d", str(seconds)])
        out[kind] = r["req_per_s"]
        print(f"capacity {kind}: {r['req_per_s']:.1f}/s alone at 16 clients (p99 {r['lat_ms']['p99']} ms, "
              f"errors {r['errors']}, status {r['status']})", file=sys.stderr)
    return out


def mix_clients(total=16):
    """The mix's clients split by share, every kind at least one: 10, 4 and 2 of 16."""
    return {k: max(1, round(total * share)) for k, share in SHARES.items()}


def mix_capacity(server, key, kinds, seconds):
    """Each kind's throughput with the three running at once, closed loop."""
    results = {}
    clients = mix_clients()

    def run(kind):
        path, body = kinds[kind]
        results[kind] = serve_load.loadgen([*load_args(server, key, path, body),
                                            "-c", str(clients[kind]), "-d", str(seconds)])

    threads = [threading.Thread(target=run, args=(k,)) for k in kinds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("capacity of the mix (" + ", ".join(f"{k} {clients[k]}" for k in kinds) + " clients): "
          + ", ".join(f"{k} {results[k]['req_per_s']:.1f}/s (p99 {results[k]['lat_ms']['p99']} ms, "
                      f"status {results[k]['status']})" for k in kinds), file=sys.stderr)
    return {k: results[k]["req_per_s"] for k in kinds}


# Each kind's route and method in the server's /metrics, and the answers that count as done.
ROUTES = {"render": ("POST", "/v1/render/{format}"), "ats": ("POST", "/v1/ats/check"),
          "write": ("POST", "/v1/resumes")}
REQUESTS_TOTAL = re.compile(
    r'^vitae_http_requests_total\{method="([^"]*)",route="((?:[^"\\]|\\.)*)",status="(\d+)"\} (\S+)$')
# A queue this deep has more work than the threads take: at least the closed loop's clients.
DEEP = 16


def scrape(server):
    """From the server's /metrics: each kind's successful (2xx) answers so far, the work queue's
    depth and the pool's typical PDF render time (ms); None when the server did not answer in
    time (under overload a connection may wait)."""
    try:
        with urllib.request.urlopen(server.url("/metrics"), timeout=5) as r:
            text = r.read().decode()
    except Exception:  # noqa: BLE001 (a sample lost, never the meter)
        return None
    done = {k: 0 for k in ROUTES}
    depth, typical = 0, 0.0
    for line in text.splitlines():
        m = REQUESTS_TOTAL.match(line)
        if m:
            method, route, status, value = m.groups()
            for kind, (want_method, want_route) in ROUTES.items():
                if (method, route) == (want_method, want_route) and status.startswith("2"):
                    done[kind] += int(float(value))
        elif line.startswith("vitae_pool_queue_depth "):
            depth = int(float(line.split()[1]))
        # The pool times each kind of job apart; the soak's main job is the PDF render.
        elif line.startswith('vitae_pool_typical_job_seconds{kind="render-pdf"} '):
            typical = float(line.split()[1]) * 1000
    return {"done": done, "depth": depth, "typical_ms": typical}


def open_capacity(server, key, kinds, closed, seconds):
    """What the server answers a second when it has more than it can do of the mix sent as the
    soak sends it: open loop, a new connection per request. The mix is sent at 1.25 times its
    closed-loop capacity, so the work queue fills; each kind's successful answers are counted
    from the server's /metrics from the moment a fifth of the window has passed to the window's
    end, and every second between, the queue must hold at least DEEP jobs (a shallower queue
    means the server kept up: the rate sent was not above its capacity, and the figure is
    refused). The closed loop keeps sixteen requests in flight on kept-alive connections; the
    open loop also pays a connection per request, on both sides of the two cores, and it is the
    soak's own load."""
    over = {k: closed[k] * 1.25 for k in kinds}
    counted = {}

    def meter():
        time.sleep(seconds / 5)
        first = None
        while first is None:
            first = scrape(server)
        t0, shallowest, last = time.monotonic(), first["depth"], first
        while time.monotonic() - t0 < seconds * 0.75:
            time.sleep(1)
            sample = scrape(server)
            if sample is not None:
                last, shallowest = sample, min(shallowest, sample["depth"])
        # The last sample answered, and the time it was taken by, at most a second off.
        elapsed = time.monotonic() - t0
        counted.update(rates={k: (last["done"][k] - first["done"][k]) / elapsed for k in kinds},
                       shallowest=shallowest)

    t = threading.Thread(target=meter)
    t.start()
    window(server, key, kinds, over, seconds)
    t.join()
    # Let the queue drain before what comes next (a minute at most: it holds seconds of work).
    drained = time.monotonic() + 60
    while time.monotonic() < drained and (scrape(server) or {"depth": 1})["depth"] > 0:
        time.sleep(1)
    time.sleep(2)
    rates = counted["rates"]
    print("capacity of the mix, open loop at 1.25x the closed loop's rates (" +
          ", ".join(f"{k} {over[k]:.1f}/s" for k in kinds) + "): " +
          ", ".join(f"{k} {rates[k]:.1f}/s answered" for k in kinds) +
          f"; {sum(rates.values()) / sum(closed.values()):.2f}x the closed loop's; "
          f"queue at least {counted['shallowest']} jobs deep", file=sys.stderr)
    if counted["shallowest"] < DEEP:
        sys.exit(f"the work queue fell below {DEEP} jobs while the server was sent more than its "
                 "closed-loop capacity: not a measure of its capacity")
    return rates


def cpu_times():
    """The machine's CPU time so far, from /proc/stat: (steal, idle, total), in clock ticks."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal guest guest_nice; guest time is already
    # counted in user and nice.
    return fields[7], fields[3] + fields[4], sum(fields[:8])


def stat_ticks(path):
    """A process's or thread's name and the CPU time it has used so far (user and system, in
    clock ticks), from its /proc stat file."""
    with open(path) as f:
        stat = f.read()
    fields = stat.rsplit(")", 1)[1].split()
    return stat[stat.index("(") + 1:stat.rindex(")")], int(fields[11]) + int(fields[12])


def process_ticks(pid):
    """The CPU time a process has used so far (user and system), in clock ticks."""
    return stat_ticks(f"/proc/{pid}/stat")[1]


class SecondMeter:
    """What happens each second beside the load: the CPU time the hypervisor gave to others
    ("steal": a virtual machine loses its CPUs for seconds at a time, and a server at 80 % of its
    capacity then falls behind whatever it does), the machine's idle time, the server's own CPU
    time, and the work queue's depth and the pool's typical PDF render time. Each window reports
    their means and worst seconds, so a window whose p99 climbs shows whether the machine slowed
    (steal, a longer typical render at the same load) or the work outran the server (a queue
    growing)."""

    def __init__(self, server):
        self.server = server
        self.samples = []
        # Every window's seconds, for the JSON report (where a minute's p99 came from).
        self.every = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        ticks = os.sysconf("SC_CLK_TCK")
        last, last_server = cpu_times(), process_ticks(self.server.proc.pid)
        last_time = time.monotonic()
        while not self.stop.wait(1.0):
            now, moment = cpu_times(), time.monotonic()
            wall, last_time = moment - last_time, moment
            try:
                server = process_ticks(self.server.proc.pid)
            except OSError:
                return
            total = now[2] - last[2]
            gauges = scrape(self.server) or {"depth": 0, "typical_ms": 0.0}
            self.samples.append({
                "steal": (now[0] - last[0]) / total if total else 0.0,
                "idle": (now[1] - last[1]) / total if total else 0.0,
                # Cores' worth of CPU the server used since the last sample (a little more than
                # a second apart, with the /metrics call).
                "server_cores": (server - last_server) / ticks / wall,
                "queue": gauges["depth"],
                "typical_ms": gauges["typical_ms"],
            })
            last, last_server = now, server

    def take(self):
        """The window's seconds since the last take, summed up."""
        samples, self.samples = self.samples, []
        self.every.append(samples)
        if not samples:
            return {}
        def mean(k):
            return sum(x[k] for x in samples) / len(samples)
        def worst(k):
            return max(x[k] for x in samples)
        return {"steal_mean_pct": round(100 * mean("steal"), 1), "steal_max_pct": round(100 * worst("steal"), 1),
                "idle_mean_pct": round(100 * mean("idle"), 1),
                "server_cores_mean": round(mean("server_cores"), 2),
                "queue_mean": round(mean("queue"), 1), "queue_max": worst("queue"),
                "typical_render_ms_mean": round(mean("typical_ms"), 2),
                "typical_render_ms_max": round(worst("typical_ms"), 2)}


def window(server, key, kinds, rates, seconds):
    """One window of the mix, open loop; the health probe beside it."""
    results = {}

    def run(kind):
        path, body = kinds[kind]
        results[kind] = serve_load.loadgen([*load_args(server, key, path, body),
                                            "--rate", f"{rates[kind]:.3f}", "-d", str(seconds)])

    def probe():
        results["health"] = serve_load.loadgen(["GET", server.url("/health"), "-c", "1",
                                                "-d", str(seconds), "--think", "0.05"])

    threads = [threading.Thread(target=run, args=(k,)) for k in kinds] + [threading.Thread(target=probe)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--capacity-seconds", type=int, default=15)
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--server-log", help="keep the server's log here")
    parser.add_argument("--load", type=float, default=LOAD, help="share of the mix's capacity")
    parser.add_argument("--server-nice", type=int, default=10,
                        help="the server's scheduling priority below the load generator's (0: the same)")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--locked", "-p", "vitae-cli"], cwd=ROOT, check=True)

    with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryDirectory() as tmp:
        key = json.loads(serve_load.run_vitae(["keys", "create", "--name", "soak", "--format", "json"],
                                              data_dir).stdout)["key"]
        server = serve_load.Server(data_dir, [], args.server_log, args.server_nice)
        try:
            kinds = requests(server, key, tmp)
            alone = capacity(server, key, kinds, args.capacity_seconds)
            closed = mix_capacity(server, key, kinds, args.capacity_seconds)
            cap = open_capacity(server, key, kinds, closed, 2 * args.capacity_seconds)
            rates = {k: cap[k] * args.load for k in kinds}
            print("soak rates: " + ", ".join(f"{k} {r:.1f}/s" for k, r in rates.items()), file=sys.stderr)
            windows = []
            meter = SecondMeter(server)
            for minute in range(1, args.minutes + 1):
                w = window(server, key, kinds, rates, 60)
                w["memory"] = server.memory_mb()
                w["seconds"] = meter.take()
                windows.append(w)
                cells = "  ".join(
                    f"{k} {w[k]['requests']} req, {w[k]['errors']} err, p99 {w[k]['lat_ms']['p99']} ms"
                    for k in kinds)
                print(f"minute {minute:2}: {cells}  health p99 {w['health']['lat_ms']['p99']} ms  "
                      f"RSS {w['memory']['VmRSS']} MB  {w['seconds']}", file=sys.stderr)
        finally:
            server.stop()

    first_rss = windows[0]["memory"]["VmRSS"]
    rss = [w["memory"]["VmRSS"] for w in windows]
    def failed(w):
        return sum(w[k]["errors"] + sum(v for s, v in w[k]["status"].items() if not s.startswith("2"))
                   for k in kinds)

    errors = sum(failed(w) for w in windows)
    p99 = {k: [w[k]["lat_ms"]["p99"] for w in windows] for k in kinds}
    drift = max(abs(r - first_rss) / first_rss for r in rss)
    spread = {k: round(max(v) / sorted(v)[len(v) // 2], 2) if min(v) > 0 else None for k, v in p99.items()}
    stable = all(x is not None and x <= 2.0 for x in spread.values())
    summary = {
        "capacity_alone_per_s": alone, "capacity_in_mix_closed_loop_per_s": closed,
        "capacity_in_mix_open_loop_per_s": cap, "soak_rates_per_s": rates, "minutes": args.minutes,
        "load": args.load, "server_nice": args.server_nice,
        "errors": errors, "rss_mb": rss, "rss_drift_from_first": round(drift, 3),
        "p99_ms": p99, "p99_worst_over_median": spread, "health_p99_ms": [w["health"]["lat_ms"]["p99"] for w in windows],
        "requests": {k: sum(w[k]["requests"] for w in windows) for k in kinds},
        "errors_per_minute": [failed(w) for w in windows],
        "seconds_per_minute": [w["seconds"] for w in windows],
    }
    print(json.dumps(summary, indent=1))
    print(f"errors: {errors} (target 0); RSS {min(rss)}–{max(rss)} MB, at most {drift:.1%} from the "
          f"first window (target 10 %); p99 per minute: "
          + "; ".join(f"{k} {min(v)}–{max(v)} ms (worst {spread[k]}× the median minute)"
                      for k, v in p99.items())
          + f" (target 2×: {'met' if stable else 'not met'})", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": summary, "windows": windows, "seconds": meter.every}, f, indent=1)
    return 0 if errors == 0 and drift <= 0.10 and stable else 1


if __name__ == "__main__":
    sys.exit(main())
