"""Shared test helpers: the CLI runner, the bundled example, small projects in tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# CI (.ci/run sets CI=1) runs every property on the same examples, so a landing is never
# decided by the draw; local runs keep exploring new examples (and replay saved failures).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """With DRAFTKIT_REQUIRE_CLIENTS=1 (set by .ci/run), a client check that skips fails.

    Checks with pandoc and LibreOffice skip on a machine without them; in CI a skip
    would hide exactly what those programs are there to catch.
    """
    outcome = yield
    report = outcome.get_result()
    if (os.environ.get("DRAFTKIT_REQUIRE_CLIENTS") == "1" and report.skipped
            and item.get_closest_marker("clients") is not None and not hasattr(report, "wasxfail")):
        report.outcome = "failed"
        report.longrepr = f"client check skipped in CI: {report.longrepr}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the clause-library cache out of the real ~/.cache during tests."""
    monkeypatch.setenv("DRAFTKIT_CACHE", str(tmp_path_factory.getbasetemp() / "draftkit-cache"))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str | Path):
    """Run `draftkit ARGS` in-process; returns the click Result (exit_code, stdout, stderr)."""
    from draftkit.cli import app

    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, prog_name="draftkit")


def write(path: Path, text: str) -> Path:
    """Write dedented text to `path`, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def assert_golden(path: Path, produced: str, update: bool) -> None:
    """`produced` is the golden file at `path`; with `update` (pytest --update-golden) it is
    written there first. A missing golden file fails: it is never written on the quiet."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")


def needs(program: str) -> pytest.MarkDecorator:
    """Skip unless `program` is on PATH (CI installs them all; see .ci/run)."""
    return pytest.mark.skipif(shutil.which(program) is None, reason=f"{program} not installed")


MINI_LIBRARY = """
clauses:
  - id: pp-crc
    kind: preambular
    opening: {en: Recalling, fr: Rappelant}
    text:
      en: the Convention on the Rights of the Child[^crc]
      fr: la Convention relative aux droits de l'enfant[^crc]
    footnotes:
      crc:
        en: United Nations, Treaty Series, vol. 1577, No. 27531.
        fr: Nations Unies, Recueil des Traités, vol. 1577, no 27531.
  - id: op-urges
    kind: operative
    opening: {en: Urges, fr: Exhorte}
    text:
      en: parliaments to criminalize all forms of online child sexual exploitation
      fr: les parlements à ériger en infraction toutes les formes d'exploitation sexuelle des enfants en ligne
"""

MINI_DRAFT = """
version: 1
date: 2021-07-15
body: ipu-assembly
session: "143"
symbol: C-III/143/DR
languages: [en, fr]
title:
  en: Legislation worldwide to combat online child sexual exploitation and abuse
  fr: La législation dans le monde en matière de lutte contre l'exploitation sexuelle des enfants en ligne
deadline: 2021-06-14T23:59:00+02:00
preambular:
  - clause: pp-crc
  - id: pp-concern
    opening: {en: Deeply concerned, fr: Profondément préoccupée}
    text:
      en: by the growth of online child sexual exploitation during the COVID-19 pandemic
      fr: par l'augmentation de l'exploitation sexuelle des enfants en ligne pendant la pandémie de COVID-19
operative:
  - clause: op-urges
  - id: op-cooperation
    opening: {en: Calls upon, fr: Demande}
    text:
      en: Member Parliaments to strengthen international cooperation, as set out in {ref:op-urges}
      fr: aux Parlements membres de renforcer la coopération internationale, comme indiqué au {ref:op-urges}
    subparagraphs:
      - text: {en: to share information, fr: de partager les informations}
      - text: {en: to train law enforcement officers, fr: de former les agents des services répressifs}
  - id: op-seized
    opening: {en: Decides, fr: Décide}
    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}
"""


def one_operative_draft(path: Path, tail: str) -> Path:
    """Write MINI_DRAFT's head with no preambular paragraph and one operative one, then `tail`
    (the top-level keys a test adds after the paragraphs)."""
    return write(path, MINI_DRAFT.split("preambular:")[0] + "preambular: []\n"
                 + "operative:\n  - {id: op-a, opening: {en: Decides}, text: {en: to act}}\n" + tail)


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A small valid bilingual project: 2 PP, 3 OP, sub-paragraphs, a footnote, a cross-reference."""
    root = tmp_path / "mini"
    write(root / "draftkit.yaml", "name: mini\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(root / "drafts" / "draft-1.yaml", MINI_DRAFT)
    return root
