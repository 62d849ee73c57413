"""Stopping a command — Ctrl-C, `kill`, a CI job's timeout (SIGTERM), a closed terminal
(SIGHUP) — leaves nothing behind: no temporary file or folder, no LibreOffice still
running, no lock, no half-written output. (kill -9 cannot be caught: the output is then the
old file, since every write is a rename, and a stray temporary file may stay.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINI_DRAFT, MINI_LIBRARY, write

#: A stand-in for LibreOffice that says it started, then works for a minute.
#: A stand-in for LibreOffice: a script (as soffice is) whose helper works for a minute;
#: it says which processes it started once it has.
FAKE_SOFFICE = """#!/bin/sh
sleep 60 &
echo "$$ $!" > "$DRAFTKIT_TEST_STARTED.part" && mv "$DRAFTKIT_TEST_STARTED.part" "$DRAFTKIT_TEST_STARTED"
wait
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (already dead, not yet reaped by its parent) is not running
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_signal_during_a_pdf_build_leaves_nothing_behind(tmp_path: Path, signum: int) -> None:
    root = tmp_path / "mini"
    write(root / "draftkit.yaml", "name: mini\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(root / "drafts" / "draft-1.yaml", MINI_DRAFT)
    tools, temporary, started = tmp_path / "bin", tmp_path / "tmp", tmp_path / "soffice.pid"
    temporary.mkdir()
    write(tools / "soffice", FAKE_SOFFICE).chmod(0o755)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    environment = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(temporary),
                   "DRAFTKIT_TEST_STARTED": str(started)}
    command = subprocess.Popen([sys.executable, "-m", "draftkit", "build", "-l", "en", "-f", "pdf", "-o", "out.pdf"],
                               cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not started.exists() and command.poll() is None:
        assert time.monotonic() < deadline, "the build never started LibreOffice"
        time.sleep(0.05)
    office = [int(pid) for pid in started.read_text().split()]
    try:
        command.send_signal(signum)
        _, stderr = command.communicate(timeout=60)  # generous: CI machines run loaded
        deadline = time.monotonic() + 5
        while any(map(_alive, office)) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [pid for pid in office if _alive(pid)]
    finally:
        for pid in office:  # the test's own processes: never leave them running
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if command.poll() is None:  # a hung draftkit fails this test, not a later one (ResourceWarning)
            command.kill()
            command.communicate()
    assert command.returncode == 128 + signum, stderr
    assert stderr.startswith("error: ") and stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert not left, "LibreOffice (or the helper it started) was left running"
    assert list(temporary.iterdir()) == [], "temporary files were left behind"
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # no output, lock or temporary file


def test_ctrl_c_while_the_cache_is_written_leaves_no_temporary_file(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from draftkit import cache

    monkeypatch.setenv("DRAFTKIT_CACHE", str(tmp_path / "cache"))

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pickle, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.store("yaml", tmp_path / "draft.yaml", ("key",), {"parsed": True})
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_libreoffice_is_being_started_still_stops_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C that lands inside Popen(), once the child runs, is delivered after Popen()
    returns, so the process started is known and stopped (it used to be left running)."""
    from draftkit.render import pdf

    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def interrupted_popen(*args: object, **kwargs: object) -> subprocess.Popen:
        process = real_popen(["sleep", "60"], **kwargs)  # type: ignore[call-overload]
        started.append(process)
        signal.raise_signal(signal.SIGINT)  # as if the key were pressed right now
        return process

    monkeypatch.setattr(pdf.subprocess, "Popen", interrupted_popen)
    with pytest.raises(KeyboardInterrupt):
        pdf._run_office(["soffice"])
    assert started and started[0].poll() is not None, "the process started was left running"
