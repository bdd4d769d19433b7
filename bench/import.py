#!/usr/bin/env python3
"""Importing a resume PDF (issue 16), release build, in one run:

- in-process `vitae_import::import` of 60 distinct 2-page PDFs, vitae's own in every theme (the
  `import_bench` example writes and reads them);
- the baseline on the same files in the same run: poppler's `pdftotext -bbox` (a C reader that only
  extracts the words and their boxes, no resume), one process per file, next to `vitae --version`
  (what starting a process costs) and the cold `vitae import FILE` per file.

Target: in-process import median <= 50 ms for a 2-page PDF. Exits 1 when it is missed.

    python3 bench/import.py [--count 60] [--no-build] [--json results.json]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_MS = 50


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import timed  # noqa: E402


def summary(ms):
    ms = sorted(ms)
    return {"median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 2), "n": len(ms)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=60)
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--json")
    args = p.parse_args()
    if not args.no_build:
        for cmd in (["cargo", "build", "--release", "-q", "-p", "vitae-cli"],
                    ["cargo", "build", "--release", "-q", "-p", "vitae-import", "--example", "import_bench"]):
            subprocess.run(cmd, cwd=ROOT, check=True)
    release = os.path.join(ROOT, "target", "release")
    exe = os.path.join(release, "vitae")
    print(f"load average before: {[round(x, 2) for x in os.getloadavg()]}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="vitae-import-bench-") as tmp:
        out = subprocess.run([os.path.join(release, "examples", "import_bench"), tmp,
                              "--count", str(args.count)],
                             check=True, stdout=subprocess.PIPE, text=True, timeout=600)
        data = json.loads(out.stdout)
        files = data["files"]
        results = {
            "pages": sorted(set(data["pages"])),
            "import_in_process": summary(data["import_ms"]),
            "pdftotext_bbox_process": summary([timed(["pdftotext", "-bbox", f, os.devnull]) for f in files]),
            "vitae_version_process": summary([timed([exe, "--version"]) for _ in files]),
            "vitae_import_process": summary([timed([exe, "import", f, "-o", os.devnull]) for f in files]),
        }
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    inproc = results["import_in_process"]["median_ms"]
    results["ratio_pdftotext_to_import"] = round(results["pdftotext_bbox_process"]["median_ms"] / inproc, 2)
    rows = [
        ("vitae_import::import, in process (2 p., distinct)", results["import_in_process"], f"<= {TARGET_MS} ms"),
        ("vitae import FILE, cold process", results["vitae_import_process"], "-"),
        ("vitae --version (process start)", results["vitae_version_process"], "-"),
        ("pdftotext -bbox, cold process (baseline)", results["pdftotext_bbox_process"], "-"),
    ]
    print(f"{'measure':<52} {'median':>10} {'p95':>10}  target")
    for name, r, target in rows:
        print(f"{name:<52} {r['median_ms']:>8.2f}ms {r['p95_ms']:>8.2f}ms  {target}")
    print(f"pages per PDF: {results['pages']}; pdftotext/import ratio {results['ratio_pdftotext_to_import']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0 if inproc <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
