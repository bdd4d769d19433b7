#!/usr/bin/env python3
"""Load test of `vitae serve` on loopback (release build), bounded in time.

Measures, in one run, on this machine:
  1. /health latency with the server idle (the baseline);
  2. PDF renders over HTTP at 16 clients, the example resume posted as YAML, identical requests
     (what the render cache is for) — with /health probed at the same time;
  3. the same with the render cache off, so every request is a full Typst render;
  4. the server's resident memory (VmRSS, and the peak VmHWM) after all of it.
Targets (issue 4): >= 500 PDF renders/s at 16 clients; /health p99 <= 5 ms while the render pool
is saturated; RSS <= 80 MB. Each figure is printed next to its baseline as a ratio.

The load generator is ../shared/tools/loadgen.py (stdlib Python); it shares the machine's cores
with the server, as a real client on the same host would.

    python3 bench/serve_load.py [--duration 10] [--clients 16] [--json out.json]
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOADGEN = os.environ.get("VITAE_LOADGEN", os.path.join(ROOT, "..", "shared", "tools", "loadgen.py"))
EXE = os.path.join(ROOT, "target", "release", "vitae")


def run_vitae(args, data_dir, **kw):
    env = dict(os.environ, VITAE_DATA_DIR=data_dir, NO_COLOR="1")
    env.pop("VITAE_DATABASE_URL", None)
    return subprocess.run([EXE, *args], env=env, check=True, capture_output=True, text=True, **kw)


class Server:
    def __init__(self, data_dir, extra):
        env = dict(os.environ, VITAE_DATA_DIR=data_dir, NO_COLOR="1", VITAE_LOG="warn,vitae_server=info")
        env.pop("VITAE_DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [EXE, "serve", "--bind", "127.0.0.1:0", "--rate-limit", "0", *extra],
            env=env, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.time() + 60
        self.port = None
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            m = re.search(r" port=(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            self.proc.kill()
            sys.exit("the server did not start")
        # Drain the log so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def memory_mb(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    fields[key] = round(int(value.split()[0]) / 1024, 1)
        return fields

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def loadgen(args):
    out = subprocess.run([sys.executable, LOADGEN, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def health_probe(server, seconds):
    # One request at a time with a 10 ms pause, like a monitoring probe that keeps its connection.
    return loadgen(["GET", server.url("/health"), "-c", "1", "-d", str(seconds), "--think", "0.01"])


def render_load(server, key, body_path, clients, seconds, health_seconds):
    """PDF renders at `clients` concurrency with a /health probe running in the same window."""
    result = {}

    def probe():
        time.sleep(1)  # let the render load reach its steady state first
        result["health"] = health_probe(server, health_seconds)

    t = threading.Thread(target=probe)
    t.start()
    result["render"] = loadgen([
        "POST", server.url("/v1/render/pdf?theme=classic&date=2026-11-26"),
        "--body", body_path, "-H", f"X-API-Key: {key}", "-H", "Content-Type: application/yaml",
        "-c", str(clients), "-d", str(seconds),
    ])
    t.join()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per load phase")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "vitae-cli"], cwd=ROOT, check=True)
    body_path = os.path.join(ROOT, "examples", "resume.yaml")
    health_seconds = max(1.0, args.duration - 2)
    results = {}
    with tempfile.TemporaryDirectory() as data_dir:
        key = json.loads(run_vitae(["keys", "create", "--name", "bench", "--format", "json"], data_dir).stdout)["key"]

        server = Server(data_dir, [])
        results["health_idle"] = health_probe(server, health_seconds)
        results["cached"] = render_load(server, key, body_path, args.clients, args.duration, health_seconds)
        results["memory_after_cached"] = server.memory_mb()
        server.stop()

        server = Server(data_dir, ["--cache-mb", "0"])
        results["uncached"] = render_load(server, key, body_path, args.clients, args.duration, health_seconds)
        results["memory_after_uncached"] = server.memory_mb()
        server.stop()

    idle_p99 = results["health_idle"]["lat_ms"]["p99"]
    rows = []

    def row(name, value, unit, target, ok, baseline=None):
        ratio = f"{value / baseline:.2f}x idle" if baseline else ""
        rows.append((name, f"{value} {unit}", target, "meets" if ok else "MISSES", ratio))

    row("/health p99, idle (baseline)", idle_p99, "ms", "", True)
    for phase in ("cached", "uncached"):
        r = results[phase]
        rps = r["render"]["req_per_s"]
        statuses = r["render"]["status"]
        row(f"PDF renders/s, {args.clients} clients, {phase}", rps, "req/s", ">= 500", rps >= 500)
        hp99 = r["health"]["lat_ms"]["p99"]
        row(f"/health p99 during {phase} renders", hp99, "ms", "<= 5 ms", hp99 <= 5, idle_p99)
        results[f"{phase}_statuses"] = statuses
    for phase in ("cached", "uncached"):
        mem = results[f"memory_after_{phase}"]
        row(f"server RSS after {phase} phase (peak {mem.get('VmHWM')} MB)", mem.get("VmRSS"), "MB", "<= 80 MB", mem.get("VmRSS", 1e9) <= 80)

    print(json.dumps(results, indent=2))
    width = max(len(r[0]) for r in rows)
    print(file=sys.stderr)
    for name, value, target, verdict, ratio in rows:
        print(f"{name:<{width}}  {value:>12}  {target:>9}  {verdict:<6}  {ratio}", file=sys.stderr)
    for phase in ("cached", "uncached"):
        print(f"{phase} render statuses: {results[phase + '_statuses']}", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
