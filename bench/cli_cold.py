#!/usr/bin/env python3
"""Cold-process wall time of `vitae generate -f md` on the example resume (release build).

Each run is a fresh process (nothing warm inside vitae). Reported next to a baseline measured in
the same run: `vitae --version`, the cost of starting the binary at all. Target (issue 2): the
generate median stays at or under 20 ms.

    python3 bench/cli_cold.py [--runs 200]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 2),
        "min_ms": round(times[0], 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "vitae-cli"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "vitae")
    example = os.path.join(ROOT, "examples", "resume.yaml")
    baseline = measure([exe, "--version"], args.runs)
    results = {"baseline_version": baseline}
    for variant in ["base", "backend"]:
        for fmt in ["md", "txt", "html", "tex"]:
            r = measure([exe, "generate", example, "-v", variant, "-f", fmt, "-o", os.devnull], args.runs)
            r["ratio_to_baseline"] = round(r["median_ms"] / baseline["median_ms"], 2)
            results[f"generate_{variant}_{fmt}"] = r
    print(json.dumps(results, indent=2))
    md = results["generate_base_md"]["median_ms"]
    verdict = "meets" if md <= 20 else "MISSES"
    print(f"generate -f md (base, all content): median {md} ms — {verdict} the 20 ms target", file=sys.stderr)


if __name__ == "__main__":
    main()
