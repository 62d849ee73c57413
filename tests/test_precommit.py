"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself (`pre-commit
try-repo`) as a team's repository would run them: a faulty draft fails with its one-line
finding, a clean project passes, files that are not draftkit's are left alone.

pre-commit installs the hooks' environment with pip from this repository. So that the test
needs no network (and stays fast), that pip finds draftkit's dependencies already installed —
those of this test run, put on PYTHONPATH — and builds draftkit without an isolated build
environment; without these settings, a team's machine fetches them from PyPI (and only
there). DRAFTKIT_HOOK_NETWORK=1 runs the test that way too.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, needs

pytestmark = [pytest.mark.clients, needs("git"),
              pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                                 reason="pre-commit not installed (pip install -e '.[test]')")]

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


def _requirements(requirements: list[str], seen: dict[str, metadata.Distribution]) -> None:
    """Every installed distribution `requirements` need to run, recursively (markers honoured,
    extras left out)."""
    from packaging.requirements import Requirement

    for text in requirements:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        key = requirement.name.lower()
        if key not in seen:
            seen[key] = metadata.distribution(key)  # PackageNotFoundError: pip install -e '.[test]' first
            _requirements(seen[key].requires or [], seen)


def dependency_folder(target: Path) -> Path:
    """A folder holding (as links) exactly draftkit's installed runtime dependencies."""
    import tomllib

    found: dict[str, metadata.Distribution] = {}
    _requirements(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"], found)
    target.mkdir()
    for distribution in found.values():
        root = Path(distribution.locate_file(""))
        tops = {Path(str(f)).parts[0] for f in distribution.files or [] if not str(f).startswith("..")}
        for top in tops:
            source = root / top
            if source.exists() and not (target / top).exists() and top != "__pycache__" and not top.endswith(".pth"):
                (target / top).symlink_to(source)
    return target


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean copy of this repository to try (the working tree as it is, committed once, so
    the hooks' environment is installed once for every run) and the environment to run in."""
    base = tmp_path_factory.mktemp("hooks")
    copy = base / "draftkit"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    env = {**os.environ, **GIT_IDENTITY, "HOME": str(base), "PRE_COMMIT_HOME": str(base / "cache")}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run(["git", *args], cwd=copy, env=env, check=True, capture_output=True)
    if not os.environ.get("DRAFTKIT_HOOK_NETWORK"):
        # PIP_NO_BUILD_ISOLATION=false is pip's spelling of --no-build-isolation: the setuptools that
        # virtualenv puts in the environment builds draftkit (bundled also for Python 3.12 and later)
        env.update(PYTHONPATH=str(dependency_folder(base / "deps")), PIP_NO_INDEX="1", PIP_NO_BUILD_ISOLATION="false",
                   PIP_FIND_LINKS="", VIRTUALENV_SETUPTOOLS="bundle")
    env["DRAFTKIT_TRIED_REPO"] = str(copy)
    return env


def project_repo(base: Path, name: str) -> Path:
    """A team's repository holding a copy of the mini project, its files staged."""
    root = base / name
    shutil.copytree(FIXTURES / "contributions" / "mini", root / "resolution")
    (root / ".github").mkdir()
    (root / ".github" / "ci.yaml").write_text("on: [push]\nname: not a draftkit file\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def try_repo(env: dict[str, str], project: Path) -> subprocess.CompletedProcess:
    """Run every hook of the tried repository on every file of `project` (as a commit would)."""
    subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=env)
    return subprocess.run([*PRE_COMMIT, "try-repo", env["DRAFTKIT_TRIED_REPO"], "--all-files"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=600)


def test_on_a_faulty_project_the_hooks_fail_with_the_one_line_findings(hooks: dict[str, str], tmp_path: Path) -> None:
    """One run of both hooks (`try-repo` installs the hooks' environment at every run): a key
    misspelt in draft 1, and in draft 2 a preambular opening on an operative paragraph."""
    faulty = project_repo(tmp_path, "faulty")
    drafts = faulty / "resolution" / "drafts"
    first = drafts / "draft-1.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("\ndate:", "\ndte:"), encoding="utf-8")
    second = drafts / "draft-2.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("opening: {en: Urges,", "opening: {en: Recalling,", 1),
                      encoding="utf-8")
    done = try_repo(hooks, faulty)
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"draftkit check\.+Failed", done.stdout) and re.search(r"draftkit schema\.+Failed", done.stdout)
    typo = ("resolution/drafts/draft-1.yaml:2: error[schema]: unknown key 'dte' in draft draft-1.yaml"
            " — did you mean 'date'?")
    opening = ("resolution/drafts/draft-2.yaml:20: OP2 (op-a) error[opening-kind]: [en] an operative paragraph opens with "
               "“Recalling”, which opens preambular paragraphs — use a present-tense verb (“Urges”, “Calls upon”), "
               "or move the paragraph to the preambular part")
    check, schema = done.stdout.split("draftkit schema.")
    assert [line for line in check.splitlines() if line.startswith("resolution/")] == [typo, opening]
    assert [line for line in schema.splitlines() if line.startswith("resolution/")] == [typo]


def test_on_a_clean_project_the_hooks_pass(hooks: dict[str, str], tmp_path: Path) -> None:
    done = try_repo(hooks, project_repo(tmp_path, "clean"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"draftkit check\.+Passed", done.stdout) and re.search(r"draftkit schema\.+Passed", done.stdout)
