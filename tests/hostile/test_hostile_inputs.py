"""Every hostile input of the hardening issue, made on the spot as tiny files: each run
exits 1 with one line on stderr (or succeeds, where bounded success is right: clamped
list numbers, writing into a device), within a few seconds, under a memory limit, and
leaves every input as it was.

The cases run in one subprocess (`hostile_worker.py`) whose address space is limited
with `resource.setrlimit`: a case that tries to take gigabytes fails there (MemoryError,
an exit 3); one that hangs is stopped after twice its time limit and named, and a new
worker goes on with the cases after it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_cases import CASES, Case

WORKER = Path(__file__).with_name("hostile_worker.py")
MEMORY = 1536 * 1024 * 1024  # the whole process: Python, lxml, the command, the case's files
SECONDS_PER_CASE = 8.0
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
RUNNABLE = [c for c in CASES if IS_ROOT or not c.root_only]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Each case's outcome. A case still running after the time limit is stopped and named
    hung; a new worker runs the cases after it, so one hang does not hide the others."""
    base = tmp_path_factory.mktemp("hostile")
    found: dict[str, dict] = {}
    pending = [c.name for c in RUNNABLE]
    for attempt in range(len(pending)):
        if not pending:
            break
        results = base / f"results-{attempt}.jsonl"
        results.touch()
        errors = base / f"worker-{attempt}.err"
        with errors.open("wb") as stderr:
            worker = subprocess.Popen([sys.executable, str(WORKER), str(base / f"cases-{attempt}"), str(results),
                                       str(MEMORY), *pending], stdout=subprocess.DEVNULL, stderr=stderr,
                                      stdin=subprocess.DEVNULL)
            hung = _watch(worker, results)
        lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.endswith("}")]
        found.update((line["name"], line) for line in lines if "name" in line)
        if hung:
            found[hung] = {"hung": True}
        else:
            assert worker.returncode == 0, errors.read_text(encoding="utf-8", errors="replace")[-2000:]
        pending = [name for name in pending if name not in found]
    return found


def _watch(worker: subprocess.Popen, results: Path) -> str | None:
    """Wait for the worker; when one case runs longer than the limit (twice over), stop it
    and return the case's name."""
    started, since = None, time.monotonic()
    while worker.poll() is None:
        time.sleep(0.1)
        last = (results.read_text(encoding="utf-8").splitlines() or ["{}"])[-1]
        current = json.loads(last).get("started") if last.endswith("}") else started
        if current != started:
            started, since = current, time.monotonic()
        elif started and time.monotonic() - since > 2 * SECONDS_PER_CASE:
            worker.kill()
            worker.wait()
            return started
    return None


@pytest.mark.parametrize("case", RUNNABLE, ids=[c.name for c in RUNNABLE])
def test_hostile_input(case: Case, outcomes: dict[str, dict]) -> None:
    outcome = outcomes.get(case.name)
    assert outcome is not None, "the worker stopped before this case (see the case before it)"
    assert not outcome.get("hung"), "did not finish within the time limit"
    stderr = outcome["stderr"]
    assert outcome["exit"] == case.exit, stderr
    assert outcome["seconds"] < SECONDS_PER_CASE, f"took {outcome['seconds']:.1f} s"
    assert outcome["changed"] == [], f"inputs changed: {outcome['changed']}"
    if case.exit == 1:
        assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr  # one line
        assert len(stderr) < 1000, stderr
        assert case.expect in stderr, stderr
        assert outcome["created"] == [], f"a refused command wrote {outcome['created']}"
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert "MIIEv000000007919" not in stderr, "a private file's second line reached the message"
    assert not any(0x80 <= ord(c) <= 0x9F for c in stderr), "a C1 control character reached the terminal"
