"""One whole-process run of a command, timed as the benchmarks compare it: wall seconds, and the
CPU seconds (user + system) of the child, which a shared, busy machine inflates much less."""

from __future__ import annotations

import resource
import subprocess
import time


def run_timed(command: list[str], **run) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the child, the finished process) of one run of `command`,
    output captured; `run` goes to subprocess.run (cwd, env, text, check)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, **run)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done
