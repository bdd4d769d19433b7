"""Timing a command for the bench scripts: wall time from start to exit, the exit awaited with a
blocking wait. (`subprocess.run(..., timeout=...)` polls the child with sleeps that grow to 50 ms,
which adds up to tens of milliseconds to a short command's measured time.) A watchdog still kills
a command that runs past `limit` seconds, so a bench stops by itself."""
import subprocess
import threading
import time


def timed(cmd, env=None, limit=120, cwd=None):
    """Milliseconds `cmd` took; raises when it fails or runs past `limit` seconds."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watchdog = threading.Timer(limit, child.kill)
    watchdog.start()
    try:
        code = child.wait()
    finally:
        watchdog.cancel()
    elapsed = (time.perf_counter() - start) * 1000
    if code != 0:
        raise subprocess.CalledProcessError(code, cmd)
    return elapsed
