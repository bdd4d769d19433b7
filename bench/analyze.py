#!/usr/bin/env python3
"""`vitae analyze` over 10,000 applications (issue 17), release build, in one run:

- a SQLite store holding 10,000 distinct applications over a year (companies, roles, variants,
  themes, sources and outcomes all varied), loaded through `vitae track import` from a
  resume-cli log this script writes;
- `vitae analyze --format json` and `vitae analyze` (the terminal report), each run 15 times;
- the baselines on the same store in the same run: `vitae --version` (starting a process) and
  `vitae track list --status accepted --format json` (opening the store and one indexed query
  returning a few rows), so the ratio says what reading and analysing all 10,000 adds.

Target: `vitae analyze` median <= 100 ms. Exits 1 when it is missed.

    python3 bench/analyze.py [--count 10000] [--no-build] [--json results.json]
"""
import argparse
import csv
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_MS = 100
RUNS = 15


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import timed  # noqa: E402


def write_log(path, count):
    rng = random.Random(17)
    start = datetime.date(2025, 12, 1)
    statuses = ["applied"] * 40 + ["no_response"] * 20 + ["rejected"] * 20 + ["screening"] * 8 + \
        ["interview"] * 7 + ["offer"] * 3 + ["accepted", "withdrawn"]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["resume_version", "company", "role", "date", "status", "response", "notes",
                    "source", "url", "cover_letter", "package_path"])
        for i in range(count):
            status = rng.choice(statuses)
            day = start + datetime.timedelta(days=rng.randrange(365))
            w.writerow([
                rng.choice(["v1-base", "v2-backend", "v2-frontend", "v3-lead", "v3-data"]),
                f"{rng.choice(['Acme', 'Globex', 'Initech', 'Hooli', 'Umbrella', 'Stark'])} {i}",
                rng.choice(["Backend Engineer", "SRE", "Staff Engineer", "Data Engineer"]) + f" {i % 97}",
                day.isoformat(),
                status,
                "1" if status not in ("applied", "no_response") else "0",
                f"note {i}" if rng.random() < 0.3 else "",
                rng.choice(["LinkedIn", "Referral", "Direct", "Recruiter", "Indeed"]),
                f"https://jobs.example/{i}" if rng.random() < 0.5 else "",
                "1" if rng.random() < 0.4 else "0",
                "",
            ])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "vitae-cli"], cwd=ROOT, check=True)
    vitae = os.path.join(ROOT, "target", "release", "vitae")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, VITAE_DATA_DIR=os.path.join(tmp, "data"), NO_COLOR="1")
        log = os.path.join(tmp, "tracking.csv")
        write_log(log, args.count)
        load = timed([vitae, "track", "import", log], env)
        out = subprocess.run([vitae, "analyze", "--format", "json"], env=env, check=True,
                             capture_output=True, text=True).stdout
        total = json.loads(out)["total"]
        assert total == args.count, f"the store holds {total} applications, not {args.count}"
        series = {
            "vitae --version": [vitae, "--version"],
            "track list --status accepted (store open + indexed query)":
                [vitae, "track", "list", "--status", "accepted", "--format", "json"],
            "analyze --format json": [vitae, "analyze", "--format", "json"],
            "analyze (terminal report)": [vitae, "analyze"],
        }
        medians = {}
        for _ in range(2):  # warm the page cache
            for cmd in series.values():
                timed(cmd, env)
        samples = {name: [] for name in series}
        for _ in range(RUNS):  # interleaved, so drift hits every series alike
            for name, cmd in series.items():
                samples[name].append(timed(cmd, env))
        for name, s in samples.items():
            medians[name] = statistics.median(s)
    base = medians["vitae --version"]
    query = medians["track list --status accepted (store open + indexed query)"]
    print(f"{args.count} applications loaded through `vitae track import` in {load / 1000:.1f} s")
    print(f"{'command':<58} {'median ms':>10} {'× start':>8}")
    for name, m in medians.items():
        print(f"{name:<58} {m:>10.1f} {m / base:>8.1f}")
    analyze = medians["analyze (terminal report)"]
    print(f"reading and analysing {args.count} applications adds {analyze - query:.1f} ms "
          f"to opening the store ({analyze / query:.1f}× the indexed query)")
    ok = analyze <= TARGET_MS and medians["analyze --format json"] <= TARGET_MS
    print(f"target: vitae analyze <= {TARGET_MS} ms: {'met' if ok else 'MISSED'}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"count": args.count, "load_ms": load, "medians_ms": medians}, f, indent=2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
