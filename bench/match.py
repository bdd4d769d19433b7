#!/usr/bin/env python3
"""`vitae match` over 100 job postings (issue 5: 100 jobs in <= 50 ms), release build, one run.

Two sets of 100 distinct postings: the two real ones in ../shared/fixtures/jobs, each copy with
its own team line; and the first 100 of the labelled ranking set (bench/rank-eval/postings:
longer postings, in text, JSON Resume and HTML with JSON-LD). Measures the cold wall time of
`vitae match examples/resume.yaml DIR` for each next to `vitae --version` (the cost of starting
the binary at all), and prints the ratios. In-process figures (parsing and ranking alone) come from
`cargo bench -p vitae-fit --bench rank`.

    python3 bench/match.py [--runs 30] [--no-build]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.path.join(ROOT, "target", "release", "vitae")
FIXTURES = os.environ.get("VITAE_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures"))
TARGET_MS = 50


def measure(cmd, runs):
    """Median wall time of `runs` processes, in ms. A blocking wait (`subprocess.run(timeout=...)`
    polls with sleeps that would be measured too); a timer kills a hung process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        watchdog = threading.Timer(60, proc.kill)
        watchdog.start()
        code = proc.wait()
        times.append((time.perf_counter() - start) * 1000)
        watchdog.cancel()
        if code != 0:
            raise subprocess.CalledProcessError(code, cmd)
    return round(statistics.median(times), 2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "vitae-cli"], cwd=ROOT, check=True)
    postings = [os.path.join(FIXTURES, "jobs", name) for name in ("backend-eng.txt", "frontend-eng.txt")]
    with tempfile.TemporaryDirectory(prefix="vitae-match-") as tmp:
        for i in range(100):
            with open(postings[i % 2], encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(tmp, f"job-{i:03}.txt"), "w", encoding="utf-8") as f:
                f.write(f"{text}\nYou would join team {i}.\n")
        example = os.path.join(ROOT, "examples", "resume.yaml")
        version = measure([EXE, "--version"], args.runs)
        match = measure([EXE, "match", example, tmp, "--format", "json"], args.runs)
    labelled = os.path.join(ROOT, "bench", "rank-eval", "postings")
    with tempfile.TemporaryDirectory(prefix="vitae-match-set-") as tmp:
        for name in sorted(os.listdir(labelled))[:100]:
            shutil.copy(os.path.join(labelled, name), tmp)
        mixed = measure([EXE, "match", example, tmp, "--format", "json"], args.runs)
    print(f"vitae --version (process start): median {version} ms")
    ok = True
    for what, ms in (("100 fixture postings", match), ("100 labelled-set postings", mixed)):
        verdict = "pass" if ms <= TARGET_MS else "FAIL"
        ok &= verdict == "pass"
        print(f"vitae match, {what}: median {ms} ms "
              f"(x{ms / version:.1f} process start; target <= {TARGET_MS} ms: {verdict})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
