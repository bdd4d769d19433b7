#!/usr/bin/env python3
"""Soak of `vitae serve` on loopback (release build): a long run at 80 % of measured capacity.

1. Capacity, measured first in the same run: each kind of request alone at 16 clients for 15 s
   (closed loop), every request a different document:
   - a PDF render of the example resume with a number changed in the name and a bullet;
   - an ATS check of that resume against a real posting (the number changed likewise);
   - a resume stored (`POST /v1/resumes`: a write to the SQLite database).
2. The soak: the three at once, open loop (a new connection per request; latency counted from
   the scheduled send time, so a server that falls behind shows it), each at 80 % of its
   capacity times its share of the mix (renders 60 %, ATS checks 25 %, writes 15 %): the machine
   at about 80 % of what it can do, with a /health probe beside them. One window a minute:
   requests, errors and p99 of each kind, and the server's resident memory after the window.
Bar (issue 20): 0 errors, RSS flat (every window within 10 % of the first), p99 stable.

    python3 bench/soak.py [--minutes 10] [--json out.json] [--no-build]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading

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
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--locked", "-p", "vitae-cli"], cwd=ROOT, check=True)

    with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryDirectory() as tmp:
        key = json.loads(serve_load.run_vitae(["keys", "create", "--name", "soak", "--format", "json"],
                                              data_dir).stdout)["key"]
        server = serve_load.Server(data_dir, [])
        try:
            kinds = requests(server, key, tmp)
            cap = capacity(server, key, kinds, args.capacity_seconds)
            rates = {k: cap[k] * LOAD * SHARES[k] for k in kinds}
            print("soak rates: " + ", ".join(f"{k} {r:.1f}/s" for k, r in rates.items()), file=sys.stderr)
            windows = []
            for minute in range(1, args.minutes + 1):
                w = window(server, key, kinds, rates, 60)
                w["memory"] = server.memory_mb()
                windows.append(w)
                cells = "  ".join(
                    f"{k} {w[k]['requests']} req, {w[k]['errors']} err, p99 {w[k]['lat_ms']['p99']} ms"
                    for k in kinds)
                print(f"minute {minute:2}: {cells}  health p99 {w['health']['lat_ms']['p99']} ms  "
                      f"RSS {w['memory']['VmRSS']} MB", file=sys.stderr)
        finally:
            server.stop()

    first_rss = windows[0]["memory"]["VmRSS"]
    rss = [w["memory"]["VmRSS"] for w in windows]
    errors = sum(w[k]["errors"] + sum(v for s, v in w[k]["status"].items() if not s.startswith("2"))
                 for w in windows for k in kinds)
    p99 = {k: [w[k]["lat_ms"]["p99"] for w in windows] for k in kinds}
    drift = max(abs(r - first_rss) / first_rss for r in rss)
    summary = {
        "capacity_per_s": cap, "soak_rates_per_s": rates, "minutes": args.minutes,
        "errors": errors, "rss_mb": rss, "rss_drift_from_first": round(drift, 3),
        "p99_ms": p99, "health_p99_ms": [w["health"]["lat_ms"]["p99"] for w in windows],
        "requests": {k: sum(w[k]["requests"] for w in windows) for k in kinds},
    }
    print(json.dumps(summary, indent=1))
    print(f"errors: {errors} (target 0); RSS {min(rss)}–{max(rss)} MB, at most {drift:.1%} from the "
          f"first window (target 10 %); p99 per minute: "
          + "; ".join(f"{k} {min(v)}–{max(v)} ms" for k, v in p99.items()), file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": summary, "windows": windows}, f, indent=1)
    return 0 if errors == 0 and drift <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
