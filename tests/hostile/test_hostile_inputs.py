"""Every hostile input of the hardening issue, made on the spot as tiny files: each run
exits 1 with one line on stderr (or succeeds, where bounded success is right: clamped
list numbers, writing into a device), within a few seconds, under a memory limit, and
leaves every input as it was.

The cases run in one subprocess (`hostile_worker.py`) whose address space is limited
with `resource.setrlimit`: a case that tries to take gigabytes fails there (MemoryError,
an exit 3), and one that hangs is named by the overall timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    base = tmp_path_factory.mktemp("hostile")
    results = base / "results.jsonl"
    try:
        done = subprocess.run([sys.executable, str(WORKER), str(base / "cases"), str(results), str(MEMORY),
                               *[c.name for c in RUNNABLE]], timeout=SECONDS_PER_CASE * 4 + 2 * len(RUNNABLE),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    except subprocess.TimeoutExpired:
        pass  # the case that never finished has a 'started' line and no result
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    found = {line["name"]: line for line in lines if "name" in line}
    for line in lines:
        found.setdefault(line.get("started", ""), {"hung": True})
    return found


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
