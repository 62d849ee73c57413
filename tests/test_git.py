"""draftkit with git: textconv makes `git diff` show the words that changed in a DOCX or a
draft, and `draftkit diff main..feature FILE` compares a draft file across branches."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke, needs

pytestmark = needs("git")

DRAFTKIT = [sys.executable, "-m", "draftkit"]


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, mini_project: Path) -> Path:
    """A git repository holding the mini project, with draftkit as the textconv of DOCX and drafts,
    configured with the lines the README gives."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.move(str(mini_project), root / "mini")
    git(root, "init", "-q", "-b", "main")
    (root / ".gitattributes").write_text("*.docx diff=draftkit\n**/drafts/*.yaml diff=draftkit\n")
    git(root, "config", "diff.draftkit.textconv", " ".join(DRAFTKIT + ["textconv"]))
    return root


def build(project: Path, target: Path, runner) -> None:
    result = invoke(runner, "build", "-p", project, "-l", "en", "-o", target)
    assert result.exit_code == 0, result.output


def test_git_diff_shows_the_word_changed_in_a_docx_built_twice(repo: Path, runner) -> None:
    draft = repo / "mini" / "drafts" / "draft-1.yaml"
    build(repo / "mini", repo / "resolution.docx", runner)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "draft 1")
    draft.write_text(draft.read_text(encoding="utf-8").replace("to strengthen international", "to deepen international"),
                     encoding="utf-8")
    build(repo / "mini", repo / "resolution.docx", runner)
    shown = git(repo, "diff", "--word-diff", "--", "resolution.docx")
    assert "Binary files" not in shown
    changed = [line for line in shown.splitlines() if "[-" in line or "{+" in line]
    assert changed == ["2. Calls upon Member Parliaments to [-strengthen-]{+deepen+} international cooperation, "
                       "as set out in paragraph 1 above:"]


def test_git_log_shows_a_draft_as_numbered_text_with_its_clauses_in_every_language(repo: Path) -> None:
    draft = repo / "mini" / "drafts" / "draft-1.yaml"
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "draft 1")
    draft.write_text(draft.read_text(encoding="utf-8").replace("  - clause: op-urges\n", "", 1)
                     .replace("operative:\n", "operative:\n  - id: op-first\n    opening: {en: Notes, fr: Note}\n"
                              "    text: {en: the report, fr: le rapport}\n  - clause: op-urges\n", 1), encoding="utf-8")
    git(repo, "commit", "-qam", "a new first paragraph")
    shown = git(repo, "log", "-p", "--word-diff", "-1", "--", "mini/drafts/draft-1.yaml")
    assert "Binary files" not in shown and "clause:" not in shown
    assert "1. {+Notes the report;+}\n{+2.+} Urges parliaments to criminalize" in shown  # the clause's text
    assert "[-2.-]{+3.+} Calls upon" in shown
    assert "as set out in paragraph [-1-]{+2+} above" in shown  # cross-references are computed too
    assert "[-3.-]{+4.+} Décide de demeurer saisie" in shown  # every language of the draft


def test_textconv_never_fails_git(tmp_path: Path, runner) -> None:
    broken = tmp_path / "draft-9.yaml"
    broken.write_text("version: 9\ntitle: [\n", encoding="utf-8")
    result = invoke(runner, "textconv", broken)
    assert result.exit_code == 0
    assert result.stdout.startswith("# (draftkit cannot render this draft: ")
    assert result.stdout.endswith("version: 9\ntitle: [\n")
    fake = tmp_path / "x.docx"
    fake.write_bytes(b"PK\x03\x04 not a zip")
    result = invoke(runner, "textconv", fake)
    assert result.exit_code == 0 and result.stdout.startswith("(draftkit cannot read this DOCX: ")


def test_diff_accepts_a_git_range_on_a_draft_file(repo: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = repo / "mini" / "drafts" / "draft-1.yaml"
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "draft 1")
    git(repo, "checkout", "-qb", "feature")
    draft.write_text(draft.read_text(encoding="utf-8").replace("to share information", "to share evidence"),
                     encoding="utf-8")
    git(repo, "commit", "-qam", "evidence")
    git(repo, "checkout", "-q", "main")  # the working tree holds main: the range alone says what to compare
    monkeypatch.chdir(repo)
    for spec in ("main..feature", "main...feature"):
        result = invoke(runner, "diff", spec, "mini/drafts/draft-1.yaml", "-l", "en")
        assert result.exit_code == 0, result.output
        assert "to share [-information-]{+evidence+}" in result.stdout
    result = invoke(runner, "diff", "main..nosuch", "mini/drafts/draft-1.yaml")
    assert result.exit_code == 1
    assert "nosuch" in result.stderr
