#!/usr/bin/env python3
"""Render time and peak RSS against field length, 1 k to 1 M characters (issue 11), release build.

Before issue 11 a 32,000-character word took Typst 52 s and a 1 MB name was still rendering
eight minutes later at 1.9 GB. Now the work is bounded before layout (`vitae_core::limits`) and
long runs are given break opportunities, so time and memory must grow at most linearly. Each
shape below is a fresh `vitae generate -f pdf` process on a distinct resume, timed with a
blocking wait and measured with wait4's peak RSS:

- `word`     one word of N characters as the employer (refused over the limits, exit 1);
- `prose`    a summary of N characters of ordinary words (refused over 10,000 per field);
- `bullets`  N characters of ordinary words spread over bullets of ~200 characters (the whole
             text is laid out up to the 200,000-character limit);
- `tokens`   N characters spread over bullets that are each one 480-character token (the worst
             a resume inside the limits can ask of the line breaker).

The baseline, measured in the same run, is the example resume (`examples/resume.yaml`). The
report gives each case's time as a ratio to it and the time per 1,000 characters, whose spread
across sizes shows linearity. Exits 1 when any render exceeds `--max-seconds` (default 5) or
`--max-rss-mb` (default 400), or when time per character at the largest rendered size is over
three times that at 16 k (superlinear growth).

With `--before BINARY` (a `vitae` built from an earlier commit), every input up to
`--before-max` characters (16,000 for `word`, whose old cost is minutes beyond) is also rendered by
that binary in the same run, and the report gives the speed-up.

    python3 bench/long_fields.py [--no-build] [--sizes 1000,4000,...] [--json out.json]
                                 [--before /tmp/vitae-old] [--before-max 64000]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "resume.yaml")
TIMEOUT = 120
SIZES = [1_000, 4_000, 16_000, 64_000, 192_000, 256_000, 1_000_000]


def run(cmd):
    """(exit code, wall ms, peak RSS MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    watchdog = threading.Timer(TIMEOUT, proc.kill)
    watchdog.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    watchdog.cancel()
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss / 1024


def yaml_str(s):
    return json.dumps(s)  # JSON strings are YAML strings


def words(n, seed):
    vocab = ["designed", "built", "latency", "service", "customers", "reduced", "pipeline",
             "migrated", "database", "team", "across", "regions", "with", "and", "the", "for"]
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < n:
        out.append(vocab[i % len(vocab)] + ("" if i % 7 else str(i)))
        i += 3
    return " ".join(out)[:n]


def resume(shape, n, seed):
    employer = f"Company {seed}"
    summary = "Engineer."
    bullets = [f"Shipped release {seed}"]
    if shape == "word":
        employer = "W" * n
    elif shape == "prose":
        summary = words(n, seed)
    elif shape == "bullets":
        text = words(n, seed)
        bullets = [text[i:i + 200] for i in range(0, len(text), 200)]
    elif shape == "tokens":
        token = ("t%d" % seed) + "x" * 476
        bullets = [token[:480]] * max(1, n // 480)
    lines = [
        "contact:",
        f"  name: {yaml_str('Bench Person ' + str(seed))}",
        "  email: bench@example.com",
        "professional_summary:",
        f"  base: {yaml_str(summary)}",
        "experience:",
    ]
    # Bullets go into entries of at most 50, as a real resume would group them.
    for e in range(0, max(1, len(bullets)), 50):
        lines += [
            f"  - company: {yaml_str(employer)}",
            "    title: Engineer",
            "    start_date: 2020-01",
            "    bullets:",
        ]
        lines += [f"      - text: {yaml_str(b)}" for b in bullets[e:e + 50]]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--target-dir", default=os.path.join(ROOT, "target"))
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--shapes", default="word,prose,bullets,tokens")
    ap.add_argument("--baseline-runs", type=int, default=5)
    ap.add_argument("--max-seconds", type=float, default=5.0)
    ap.add_argument("--max-rss-mb", type=float, default=400.0)
    ap.add_argument("--json")
    ap.add_argument("--before", help="an earlier vitae binary to compare with")
    ap.add_argument("--before-max", type=int, default=64_000)
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-p", "vitae-cli"], cwd=ROOT, check=True)
    vitae = os.path.join(args.target_dir, "release", "vitae")
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        out_pdf = os.path.join(tmp, "out.pdf")
        base = sorted(run([vitae, "generate", EXAMPLE, "-f", "pdf", "-o", out_pdf])[1]
                      for _ in range(args.baseline_runs))
        base_ms = base[len(base) // 2]
        print(f"baseline: examples/resume.yaml -> PDF, median {base_ms:.1f} ms")
        print(f"{'shape':8} {'chars':>9} {'exit':>4} {'ms':>9} {'x base':>7} {'ms/1k':>7} "
              f"{'RSS MB':>7}" + (f" {'before ms':>10} {'b. RSS':>7} {'speed-up':>8}"
                                  if args.before else ""))
        results, failed = [], []
        seed = 0
        for shape in args.shapes.split(","):
            for n in sizes:
                seed += 1
                src = os.path.join(tmp, f"{shape}-{n}.yaml")
                with open(src, "w") as f:
                    f.write(resume(shape, n, seed))
                code, ms, rss = run([vitae, "generate", src, "-f", "pdf", "-o", out_pdf])
                row = {"shape": shape, "chars": n, "exit": code, "ms": round(ms, 1),
                       "ratio": round(ms / base_ms, 2), "ms_per_1k": round(ms / n * 1000, 3),
                       "rss_mb": round(rss, 1)}
                results.append(row)
                extra = ""
                cap = min(args.before_max, 16_000) if shape == "word" else args.before_max
                if args.before and n <= cap:
                    bcode, bms, brss = run([args.before, "generate", src, "-f", "pdf", "-o",
                                            out_pdf])
                    row.update(before_exit=bcode, before_ms=round(bms, 1),
                               before_rss_mb=round(brss, 1), speedup=round(bms / ms, 1))
                    extra = f" {bms:>10.1f} {brss:>7.1f} {bms / ms:>7.1f}x"
                print(f"{shape:8} {n:>9} {code:>4} {ms:>9.1f} {row['ratio']:>7} "
                      f"{row['ms_per_1k']:>7} {rss:>7.1f}{extra}")
                if code not in (0, 1):
                    failed.append(f"{shape} {n}: exit {code}")
                if ms > args.max_seconds * 1000:
                    failed.append(f"{shape} {n}: {ms:.0f} ms over {args.max_seconds} s")
                if rss > args.max_rss_mb:
                    failed.append(f"{shape} {n}: {rss:.0f} MB over {args.max_rss_mb} MB")
            rendered = [r for r in results if r["shape"] == shape and r["exit"] == 0
                        and r["chars"] >= 16_000]
            if len(rendered) >= 2:
                growth = rendered[-1]["ms_per_1k"] / rendered[0]["ms_per_1k"]
                print(f"  {shape}: ms per 1k chars at {rendered[-1]['chars']} / at "
                      f"{rendered[0]['chars']} = {growth:.2f}")
                if growth > 3:
                    failed.append(f"{shape}: superlinear ({growth:.2f}x per character)")
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"baseline_ms": base_ms, "results": results}, f, indent=1)
        if failed:
            print("FAILED: " + "; ".join(failed))
            sys.exit(1)
        print("all renders bounded: time and RSS within limits, growth linear")


if __name__ == "__main__":
    main()
