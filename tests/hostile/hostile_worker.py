"""Run hostile cases (`hostile_cases.py`) one after another in this process, under a
memory limit, and write one JSON line per case: exit status, stderr, time taken, and
which of the files the case made changed. Started by `test_hostile_inputs.py`.

    python hostile_worker.py FOLDER RESULTS.jsonl MEMORY_BYTES NAME...
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import stat
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]


def files(folder: Path) -> dict[str, str]:
    """What each entry under `folder` is: a file's digest, a link's target, a pipe, a device."""
    found = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[str(path.relative_to(folder))] = "link to " + os.readlink(path)
        elif stat.S_ISREG(mode):
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif not stat.S_ISDIR(mode):
            found[str(path.relative_to(folder))] = f"special {stat.S_IFMT(mode):o}"
    return found


def main(base: Path, results: Path, memory: int, names: list[str]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    from click.testing import CliRunner

    from draftkit.cli import app
    from hostile_cases import CASES

    runner = CliRunner()
    with results.open("w", encoding="utf-8") as out:
        for case in [c for c in CASES if c.name in names]:
            here = base / re.sub(r"[^A-Za-z0-9]+", "-", case.name).strip("-")[:60]
            here.mkdir(parents=True)
            os.chdir(here)
            args = case.make(here)
            before = files(here)
            out.write(json.dumps({"started": case.name}) + "\n")
            out.flush()
            start = time.monotonic()
            result = runner.invoke(app, args, catch_exceptions=True, prog_name="draftkit")
            seconds = time.monotonic() - start
            after = files(here)
            changed = sorted(name for name, state in before.items() if after.get(name) != state)
            created = sorted(set(after) - set(before))
            out.write(json.dumps({"name": case.name, "exit": result.exit_code, "stderr": result.stderr,
                                  "seconds": seconds, "changed": changed, "created": created}) + "\n")
            out.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
