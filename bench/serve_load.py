#!/usr/bin/env python3
"""Load test of `vitae serve` on loopback (release build), bounded in time.

Measures, in one run, on this machine:
  1. /health latency with the server idle (the baseline);
  2. PDF renders over HTTP at 16 clients, every request a different resume: the example resume
     posted as YAML with a number changed in the name and in one bullet per request (what a
     server with many tenants sees), with the render cache on as in production; /health probed
     at the same time;
  3. the same resume in every request, render cache on (what the cache is for) and off (every
     request a full Typst render of an unchanged resume);
  4. the server's resident memory (VmRSS, and the peak VmHWM) after each phase;
  5. one thread rendering different resumes in process (`render_bench`'s "different resumes",
     classic theme), the ceiling of one core, for the ratio.
Targets (issue 19): >= 150 different-resume PDF/s at 16 clients, p99 <= 250 ms, /health p99 <=
5 ms throughout, RSS <= 80 MB; identical requests (issue 4): >= 500 PDF/s. Every figure is
printed as measured / target / ratio.

The load generator is ../shared/tools/loadgen.py (stdlib Python); it shares the machine's cores
with the server, as a real client on the same host would.

    python3 bench/serve_load.py [--duration 10] [--clients 16] [--json out.json] [--no-build]
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
    def __init__(self, data_dir, extra, log_path=None, niceness=0):
        env = dict(os.environ, VITAE_DATA_DIR=data_dir, NO_COLOR="1", VITAE_LOG="warn,vitae_server=info")
        env.pop("VITAE_DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [EXE, "serve", "--bind", "127.0.0.1:0", "--rate-limit", "0", *extra],
            env=env, stderr=subprocess.PIPE, text=True,
            # Every thread the server starts inherits this: nice is per thread on Linux.
            preexec_fn=(lambda: os.nice(niceness)) if niceness else None,
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
        # Drain the log so the server never blocks on a full pipe; keep it when asked to.
        def drain():
            if log_path is None:
                for _ in self.proc.stderr:
                    pass
                return
            with open(log_path, "w") as log:
                for line in self.proc.stderr:
                    log.write(line)
                    log.flush()

        threading.Thread(target=drain, daemon=True).start()

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


def render_load(server, key, body_path, clients, seconds, health_seconds, vary=None):
    """PDF renders at `clients` concurrency with a /health probe running in the same window."""
    result = {}

    def probe():
        time.sleep(1)  # let the render load reach its steady state first
        result["health"] = health_probe(server, health_seconds)

    t = threading.Thread(target=probe)
    t.start()
    extra = ["--vary", vary] if vary else []
    result["render"] = loadgen([
        "POST", server.url("/v1/render/pdf?theme=classic&date=2026-11-26"),
        "--body", body_path, "-H", f"X-API-Key: {key}", "-H", "Content-Type: application/yaml",
        "-c", str(clients), "-d", str(seconds), *extra,
    ])
    t.join()
    return result


# In the body of the distinct phase, replaced by a new number in every request.
VARY = "VARYTOKEN"


def distinct_body(tmp):
    """The example resume with VARY in the name and in the first bullet."""
    with open(os.path.join(ROOT, "examples", "resume.yaml")) as f:
        text = f.read()
    text = text.replace("  name: Maya Okafor", f"  name: Maya Okafor {VARY}", 1)
    text = text.replace("serving 40,000 requests per second", f"serving {VARY} requests per second", 1)
    assert text.count(VARY) == 2, "the example resume changed: update distinct_body"
    path = os.path.join(tmp, "distinct.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def in_process_rate():
    """Different-resume renders per second on one thread, in process (render_bench, classic)."""
    exe = os.path.join(ROOT, "target", "release", "examples", "render_bench")
    out = subprocess.run([exe, "--renders", "100", "--rss-renders", "0"], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=900)
    median = json.loads(out.stdout)["warm_render_pdf"]["classic"]["varied"]["median_ms"]
    return {"median_ms": median, "per_s": round(1000 / median, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per load phase")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--no-build", action="store_true", help="use the existing release binaries")
    args = parser.parse_args()
    if not args.no_build:
        # One invocation: the binary and the example share one resolution of features.
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "vitae-cli", "-p", "vitae-render",
                        "--bins", "--examples"], cwd=ROOT, check=True)
    body_path = os.path.join(ROOT, "examples", "resume.yaml")
    health_seconds = max(1.0, args.duration - 2)
    results = {"machine": {"cpus": os.cpu_count(), "loadavg_before": [round(x, 2) for x in os.getloadavg()]}}
    with tempfile.TemporaryDirectory() as data_dir:
        key = json.loads(run_vitae(["keys", "create", "--name", "bench", "--format", "json"], data_dir).stdout)["key"]
        distinct_path = distinct_body(data_dir)

        server = Server(data_dir, [])
        results["health_idle"] = health_probe(server, health_seconds)
        results["distinct"] = render_load(server, key, distinct_path, args.clients, args.duration,
                                          health_seconds, vary=VARY)
        results["memory_after_distinct"] = server.memory_mb()
        results["cached"] = render_load(server, key, body_path, args.clients, args.duration, health_seconds)
        results["memory_after_cached"] = server.memory_mb()
        server.stop()

        server = Server(data_dir, ["--cache-mb", "0"])
        results["uncached"] = render_load(server, key, body_path, args.clients, args.duration, health_seconds)
        results["memory_after_uncached"] = server.memory_mb()
        server.stop()
    results["in_process_single_thread"] = in_process_rate()
    results["machine"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]

    idle_p99 = results["health_idle"]["lat_ms"]["p99"]
    rows = []

    def row(name, value, unit, target, ok, ratio=""):
        verdict = "" if ok is None else ("meets" if ok else "MISSES")
        rows.append((name, f"{value} {unit}", target, verdict, ratio))
        return ok

    verdicts = []
    row("/health p99, idle (baseline)", idle_p99, "ms", "", None)
    d = results["distinct"]["render"]
    d_rps = d["req_per_s"]
    same_rps = results["uncached"]["render"]["req_per_s"]
    single = results["in_process_single_thread"]["per_s"]
    verdicts.append(row(f"PDF renders/s, {args.clients} clients, different resumes", d_rps, "req/s", ">= 150",
                        d_rps >= 150, f"{d_rps / 150:.2f}x target; {d_rps / same_rps:.2f}x same resume "
                        f"uncached; {d_rps / single:.2f}x one thread in process ({single}/s)"))
    d_p99 = d["lat_ms"]["p99"]
    verdicts.append(row("  latency p99, different resumes", d_p99, "ms", "<= 250 ms", d_p99 <= 250,
                        f"{250 / d_p99:.2f}x headroom" if d_p99 else ""))
    row("  latency p50, different resumes", d["lat_ms"]["p50"], "ms", "", None)
    for phase, label in (("distinct", "different resumes"), ("cached", "same resume, cache on"),
                         ("uncached", "same resume, cache off")):
        r = results[phase]
        if phase != "distinct":
            rps = r["render"]["req_per_s"]
            ok = rps >= 500 if phase == "cached" else None
            row(f"PDF renders/s, {args.clients} clients, {label}", rps, "req/s",
                ">= 500" if phase == "cached" else "", ok,
                f"{rps / d_rps:.2f}x different resumes")
            if ok is not None:
                verdicts.append(ok)
        hp99 = r["health"]["lat_ms"]["p99"]
        verdicts.append(row(f"/health p99 during renders, {label}", hp99, "ms", "<= 5 ms", hp99 <= 5,
                            f"{hp99 / idle_p99:.2f}x idle" if idle_p99 else ""))
        results[f"{phase}_statuses"] = r["render"]["status"]
    for phase in ("distinct", "cached", "uncached"):
        mem = results[f"memory_after_{phase}"]
        rss = mem.get("VmRSS", 1e9)
        verdicts.append(row(f"server RSS after the {phase} phase (peak {mem.get('VmHWM')} MB)", rss, "MB",
                            "<= 80 MB", rss <= 80, f"{rss / 80:.2f}x target"))

    print(json.dumps(results, indent=2))
    width = max(len(r[0]) for r in rows)
    print(file=sys.stderr)
    print(f"{'':<{width}}  {'measured':>12}  {'target':>9}  {'':<6}  ratio", file=sys.stderr)
    for name, value, target, verdict, ratio in rows:
        print(f"{name:<{width}}  {value:>12}  {target:>9}  {verdict:<6}  {ratio}", file=sys.stderr)
    for phase in ("distinct", "cached", "uncached"):
        print(f"{phase} render statuses: {results[phase + '_statuses']}", file=sys.stderr)
    print(f"load average before {results['machine']['loadavg_before']}, after "
          f"{results['machine']['loadavg_after']}", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
