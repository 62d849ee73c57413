"""Parallel edits of one draft: every read-modify-write holds the project's edit lock, so
edits made at the same moment queue up; none is lost and the file always loads.

Each round starts the edits in several processes at once (a barrier), then checks the
draft: every paragraph added is there once, the move happened, nothing else changed. The
same, a hundred rounds each, for two `merge`s of one round (one writes the next version,
the other is refused) and two `decide`s typed at once (both decisions kept).
"""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable

from conftest import FIXTURES, MINI_DRAFT, MINI_LIBRARY, write
from hostile_cases import kenya, round_one

from draftkit.errors import DraftkitError
from draftkit.loading import open_draft

ROUNDS = 100

EXTRA = """
  - {id: op-a, kind: operative, opening: {en: Invites, fr: Invite}, text: {en: a, fr: a}}
  - {id: op-b, kind: operative, opening: {en: Requests, fr: Prie}, text: {en: b, fr: b}}
  - {id: pp-x, kind: preambular, opening: {en: Noting, fr: Notant}, text: {en: x, fr: x}}
"""

#: What each process does in a round; the result does not depend on the order they run in.
TASKS = [("add", "op-a", "at-end"), ("add", "op-b", "at-end"), ("move", "op-seized", "before:op-urges"),
         ("add", "pp-x", "at-end")]


def _project(root: Path) -> Path:
    write(root / "draftkit.yaml", "name: race\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY + EXTRA)
    write(root / "drafts" / "draft-1.yaml", MINI_DRAFT)
    return root


def _edit(root: Path, task: tuple[str, str, str]) -> str:
    from draftkit.edit import add_paragraph, move_paragraph
    from draftkit.model import Position

    action, what, where = task
    position = Position("at-end") if where == "at-end" else Position(*where.split(":"))
    try:
        if action == "add":
            add_paragraph(root, what, position)
        else:
            move_paragraph(root, what, position)
    except DraftkitError as error:
        return error.message
    return "ok"


def _serve(job: Callable[[], str], barrier, starts, results) -> None:
    """One process: each time it is told to start, wait for the others, run `job`, report."""
    for _ in iter(starts.get, None):
        barrier.wait(timeout=60)
        results.put(job())


def race(jobs: list[Callable[[], str]], reset: Callable[[], None], check: Callable[[list[str]], None]) -> None:
    """ROUNDS rounds of `jobs` started at the same moment, one process each (kept between
    rounds): `reset` the files before each round, `check` the jobs' sorted outcomes after."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(jobs)), context.Queue()
    queues = [context.Queue() for _ in jobs]
    workers = [context.Process(target=_serve, args=(job, barrier, queue, results), daemon=True)
               for job, queue in zip(jobs, queues)]
    for worker in workers:
        worker.start()
    try:
        for _ in range(ROUNDS):
            reset()
            for queue in queues:
                queue.put(True)
            check(sorted(results.get(timeout=60) for _ in jobs))
    finally:
        for queue in queues:
            queue.put(None)
        for worker in workers:
            worker.join(timeout=10)


def _check(root: Path) -> None:
    _, draft = open_draft(root)
    preambular = [p.id for p in draft.preambular]
    operative = [p.id for p in draft.operative]
    assert sorted(preambular) == ["pp-concern", "pp-crc", "pp-x"], preambular
    assert sorted(operative) == ["op-a", "op-b", "op-cooperation", "op-seized", "op-urges"], operative
    assert operative.index("op-seized") < operative.index("op-urges"), operative


def test_parallel_add_and_move_lose_no_edit(tmp_path: Path) -> None:
    root = _project(tmp_path / "race")
    draft = root / "drafts" / "draft-1.yaml"

    def check(outcomes: list[str]) -> None:
        assert outcomes == ["ok"] * len(TASKS)  # none refused: they waited for each other
        _check(root)

    race([partial(_edit, root, task) for task in TASKS],
         lambda: draft.write_text(MINI_DRAFT.lstrip("\n"), encoding="utf-8"), check)
    assert not (root / ".draftkit.lock").exists()  # the lock file lives only while a command edits


def test_parallel_draftkit_processes_lose_no_edit(tmp_path: Path) -> None:
    """The same through the installed command, whole processes started together."""
    root = _project(tmp_path / "race")
    commands = [[sys.executable, "-m", "draftkit", what, *args, "--at-end"] for what, args in
                (("add", ["op-a"]), ("add", ["op-b"]), ("add", ["pp-x"]))]
    commands.append([sys.executable, "-m", "draftkit", "move", "op-seized", "--before", "op-urges"])
    # the project is the current folder: no project argument, whichever grammar the command has
    running = [subprocess.Popen(c, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in commands]
    for process in running:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    _check(root)


def _merge(root: Path) -> str:
    from draftkit.loading.project import Project
    from draftkit.rounds import merge_round

    try:
        return f"wrote {merge_round(Project.open(root), day=date(2021, 6, 16)).path.name}"
    except DraftkitError as error:
        return error.what


def test_two_merges_at_once_write_one_version(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "contributions" / "mini", root)
    round_one(root)
    merged = root / "drafts" / "draft-3.yaml"

    def check(outcomes: list[str]) -> None:
        assert outcomes[1] == "wrote draft-3.yaml", outcomes
        assert outcomes[0].startswith("draft 3 is already the merge of round-1"), outcomes
        assert sorted(p.name for p in (root / "drafts").iterdir()) == ["draft-1.yaml", "draft-2.yaml", "draft-3.yaml"]
        open_draft(root)  # loads

    race([partial(_merge, root)] * 2, lambda: merged.unlink(missing_ok=True), check)


def _decide(root: Path, proposal: str, verdict: str) -> str:
    from draftkit.loading.project import Project
    from draftkit.negotiation.decide import decide

    try:
        decide(Project.open(root), proposal=proposal, verdict=verdict)
    except DraftkitError as error:
        return error.message
    return "ok"


def test_two_decisions_typed_at_once_are_both_kept(tmp_path: Path) -> None:
    from draftkit.loading.contributions import load_decisions

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "contributions" / "mini", root)
    round_one(root, kenya(second=True), decided=False)
    decisions = root / "decisions" / "round-1.yaml"

    def check(outcomes: list[str]) -> None:
        assert outcomes == ["ok", "ok"], outcomes
        verdicts = {d.proposal: d.verdict.value for d in load_decisions(decisions)}
        assert verdicts == {"KEN-1": "accept", "KEN-2": "reject"}, decisions.read_text()

    race([partial(_decide, root, "KEN-1", "accept"), partial(_decide, root, "KEN-2", "reject")],
         lambda: decisions.unlink(missing_ok=True), check)
