#!/usr/bin/env python3
"""Does work cost more while the work queue is deep? `vitae serve` on loopback (release build).

The soak's mix (bench/soak.py: PDF renders, ATS checks and writes, every body different), open
loop, in three phases: steady at --load of the mix's closed-loop capacity, then --burst times
that for --burst-seconds, which fills the queue, then steady again while it drains. Each second:
the queue's depth, the pool's typical PDF render, the CPU time of the server's work threads,
of its async threads and of its other threads (SQLite's among them), the mix's successful
answers, and the CPU time of the work threads per answer; and each phase's p99 per kind. If a
deep queue made each answer dearer (the server's own bookkeeping, or its async threads taking
the work threads' CPU), the burst's seconds would show more work-thread time per answer than
the steady ones. An ATS check is three jobs on the pool (read, prepare, finish) and a render
one: the burst's p99s show whether a backlog is waited for once per request or once per job.

    python3 bench/backlog.py [--load 0.8] [--burst 1.5] [--burst-seconds 20] [--nice 10]
                             [--steady 40] [--drain 90] [--json out.json]
"""
import argparse
import json
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_load  # noqa: E402
import soak  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def thread_ticks(pid):
    """CPU time so far (clock ticks) of the server's work threads, async threads and the rest."""
    out = {"work": 0, "async": 0, "other": 0}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name, ticks = soak.stat_ticks(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            continue  # a thread that ended between the listing and the read
        group = "work" if name.startswith("vitae-work") else "async" if name.startswith("tokio") else "other"
        out[group] += ticks
    return out


def sample(server, stop, rows, phase):
    first = None
    while first is None:
        first = soak.scrape(server)
    last_ticks, last_done = thread_ticks(server.proc.pid), first["done"]
    last_cpu, last = soak.cpu_times(), time.monotonic()
    start = last
    while not stop.wait(1.0):
        metrics = soak.scrape(server)
        if metrics is None:
            continue  # the server did not answer /metrics in time: the next second counts both
        now = time.monotonic()
        wall, last = now - last, now
        ticks = thread_ticks(server.proc.pid)
        done, depth, typical = metrics["done"], metrics["depth"], metrics["typical_ms"]
        cpu = soak.cpu_times()
        total = cpu[2] - last_cpu[2]
        kinds = {k: (done[k] - last_done[k]) / wall for k in done}
        answers = sum(kinds.values())
        cores = {k: (ticks[k] - last_ticks[k]) / TICKS / wall for k in ticks}
        row = {"second": round(now - start), "phase": phase[0], "queue": depth,
               "typical_render_ms": round(typical, 1), "answers_per_s": round(answers, 1),
               **{f"{k}_per_s": round(v, 1) for k, v in kinds.items()},
               **{f"{k}_cores": round(v, 2) for k, v in cores.items()},
               "work_ms_per_answer": round(1000 * cores["work"] / answers, 2) if answers else None,
               "idle_pct": round(100 * (cpu[1] - last_cpu[1]) / total, 1) if total else 0.0}
        rows.append(row)
        print(" ".join(f"{k} {v}" for k, v in row.items()), file=sys.stderr)
        last_ticks, last_done, last_cpu = ticks, done, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--load", type=float, default=0.8, help="the steady phases' share of the closed-loop capacity")
    ap.add_argument("--burst", type=float, default=1.5, help="the burst's rates, times the steady ones")
    ap.add_argument("--burst-seconds", type=int, default=20)
    ap.add_argument("--steady", type=int, default=40)
    ap.add_argument("--drain", type=int, default=90)
    ap.add_argument("--nice", type=int, default=10, help="the server's priority below the load generator's")
    ap.add_argument("--json", help="also write every second here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryDirectory() as tmp:
        key = json.loads(serve_load.run_vitae(["keys", "create", "--name", "backlog", "--format", "json"],
                                              data_dir).stdout)["key"]
        server = serve_load.Server(data_dir, [], None, args.nice)
        try:
            kinds = soak.requests(server, key, tmp)
            capacity = soak.mix_capacity(server, key, kinds, 15)
            rates = {k: capacity[k] * args.load for k in kinds}
            rows, phase, stop, latency = [], ["steady"], threading.Event(), {}
            meter = threading.Thread(target=sample, args=(server, stop, rows, phase), daemon=True)
            meter.start()
            for name, factor, seconds in (("steady", 1.0, args.steady), ("burst", args.burst, args.burst_seconds),
                                          ("drain", 1.0, args.drain)):
                phase[0] = name
                answers = soak.window(server, key, kinds, {k: r * factor for k, r in rates.items()}, seconds)
                latency[name] = {k: answers[k]["lat_ms"]["p99"] for k in kinds}
            stop.set()
            meter.join()
        finally:
            server.stop()

    def summary(name, deep):
        """The phase's seconds with the queue deep (more than 20 waiting) or shallow."""
        picked = [r for r in rows if r["phase"] == name and (r["queue"] > 20) == deep and r["answers_per_s"]]
        if not picked:
            return None
        answers = sum(r["answers_per_s"] for r in picked)
        # The mix answered in those seconds, as shares: the work per answer compares only
        # between seconds whose shares are alike (an ATS check is dearer than a write).
        shares = {k: round(sum(r[f"{k}_per_s"] for r in picked) / answers, 3) for k in soak.ROUTES}
        return {"seconds": len(picked), "answers_per_s": round(answers / len(picked), 1), "shares": shares,
                "work_ms_per_answer": round(1000 * sum(r["work_cores"] for r in picked) / answers, 2),
                "async_ms_per_answer": round(1000 * sum(r["async_cores"] for r in picked) / answers, 2),
                "typical_render_ms": round(sum(r["typical_render_ms"] for r in picked) / len(picked), 1)}

    result = {"rates_per_s": rates, "p99_ms_by_phase": latency,
              "shallow_queue": {p: summary(p, False) for p in ("steady", "burst", "drain")},
              "deep_queue": {p: summary(p, True) for p in ("burst", "drain")}}
    print(json.dumps(result, indent=1))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({**result, "seconds": rows}, f, indent=1)


if __name__ == "__main__":
    main()
